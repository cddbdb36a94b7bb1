using Microsoft.Playwright;
using OmniErp.Host;
using OmniErp.Host.Database;
using OmniErp.Kernel.Modules;

namespace OmniErp.BrowserTests;

public sealed class BackOfficeSmokeTests(LiveServer server) : IClassFixture<LiveServer>
{
    [SkippableFact]
    public async Task An_admin_signs_in_and_opens_every_modules_landing_page()
    {
        Skip.If(LiveServer.Unavailable is not null, LiveServer.Unavailable);
        var admin = DemoData.StaffUsers.Single(u => u.Role == Roles.Admin).Email;
        var page = await server.SignInAsync(admin);
        Assert.Contains("Nguyễn Quản Trị", await page.InnerTextAsync("[data-testid=who]"));
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("home"), FullPage = true });

        foreach (var module in ModuleList.All)
        {
            var landing = module.Menu.OrderBy(m => m.Order).First();
            var response = await page.GotoAsync(landing.Url);
            Assert.True(response!.Ok, $"{module.Name} landing page {landing.Url} answered {response.Status}");
            Assert.True(await page.Locator("h1").CountAsync() > 0, $"{module.Name} landing page has no heading");
            Assert.Equal(landing.Url, await page.Locator("nav.sidenav a.active").Last.GetAttributeAsync("href"));
            await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath(module.Schema), FullPage = true });
        }
    }

    [SkippableFact]
    public async Task A_store_clerk_does_not_see_administration_and_is_refused_it()
    {
        Skip.If(LiveServer.Unavailable is not null, LiveServer.Unavailable);
        var clerk = DemoData.StaffUsers.Single(u => u.Role == Roles.StoreClerk).Email;
        var page = await server.SignInAsync(clerk);

        Assert.Equal(0, await page.Locator("nav.sidenav a[href='/admin/users']").CountAsync());
        var response = await page.GotoAsync("/admin/users");
        Assert.Equal(403, response!.Status);
        Assert.Contains("403", await page.InnerTextAsync(".status-page"));
    }

    [SkippableFact]
    public async Task Switching_to_Vietnamese_translates_the_shell()
    {
        Skip.If(LiveServer.Unavailable is not null, LiveServer.Unavailable);
        var page = await server.SignInAsync(DemoData.StaffUsers.Single(u => u.Role == Roles.Merchandiser).Email);

        await page.ClickAsync("button[name=culture][value=vi-VN]");

        await Assertions.Expect(page.Locator("nav.sidenav")).ToContainTextAsync("Trang chủ");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Đăng xuất");
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("home-vi"), FullPage = true });
    }
}
