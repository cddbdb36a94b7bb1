using System.Net;
using AngleSharp.Html.Parser;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;

namespace OmniErp.IntegrationTests.Foundation;

public sealed class SignInTests
{
    [SkippableTheory, Databases]
    public async Task Staff_sign_in_and_see_the_back_office(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInAsync(Roles.Merchandiser);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var doc = new HtmlParser().ParseDocument(await home.Content.ReadAsStringAsync());
        Assert.Equal("Merchandiser Test", doc.QuerySelector("[data-testid=who]")?.TextContent);
        Assert.NotEmpty(doc.QuerySelectorAll("nav.sidenav a"));
    }

    [SkippableTheory, Databases]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var email = await app.CreateStaffAsync(Roles.StoreClerk);
        var client = app.Browser();

        for (var i = 0; i < 4; i++)
        {
            var failed = await TestApp.SignInAsync(client, email, "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            Assert.Contains("The email or password is not right.", await failed.Content.ReadAsStringAsync());
        }

        var locked = await TestApp.SignInAsync(client, email, "wrong-password");
        Assert.Equal(HttpStatusCode.Locked, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());

        // Even the right password is refused while the lockout lasts.
        var stillLocked = await TestApp.SignInAsync(client, email, TestApp.Password);
        Assert.Equal(HttpStatusCode.Locked, stillLocked.StatusCode);
    }

    [SkippableTheory, Databases]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var response = await app.Browser().GetAsync("/catalog/products");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [SkippableTheory, Databases]
    public async Task A_page_outside_the_role_answers_403(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var clerk = await app.SignedInAsync(Roles.StoreClerk);

        var response = await clerk.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You are not allowed to see this page", await response.Content.ReadAsStringAsync());
    }

    [SkippableTheory, Databases]
    public async Task A_form_post_without_antiforgery_token_is_refused_and_changes_nothing(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.SignedInAsync(Roles.Admin);
        var before = await app.ScalarAsync<long>("SELECT COUNT(*) FROM identity.users");

        var response = await admin.PostAsync("/admin/users/save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "forged@test.vn", ["DisplayName"] = "Forged", ["Role"] = Roles.Admin, ["Password"] = "Forged-Passw0rd!",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT COUNT(*) FROM identity.users"));
    }

    [SkippableTheory, Databases]
    public async Task An_admin_creates_a_user_and_a_bad_form_shows_which_field_is_wrong(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.SignedInAsync(Roles.Admin);

        var bad = await TestApp.PostFormAsync(admin, "/admin/users/new", "/admin/users/save", new Dictionary<string, string>
        {
            ["Email"] = "not-an-email", ["DisplayName"] = "", ["Role"] = Roles.StoreClerk, ["Password"] = "Good-Passw0rd!",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.Contains("valid email", doc.QuerySelector("[data-valmsg-for=Email]")?.TextContent);
        Assert.Contains("name", doc.QuerySelector("[data-valmsg-for=DisplayName]")?.TextContent);

        var good = await TestApp.PostFormAsync(admin, "/admin/users/new", "/admin/users/save", new Dictionary<string, string>
        {
            ["Email"] = "new.clerk@test.vn", ["DisplayName"] = "Nguyễn Văn Mới", ["Role"] = Roles.StoreClerk, ["HomeStore"] = "HN01", ["Culture"] = "vi-VN", ["Password"] = "Good-Passw0rd!",
        });
        Assert.True(good.StatusCode == HttpStatusCode.Redirect, await good.Content.ReadAsStringAsync());
        var signIn = await TestApp.SignInAsync(app.Browser(), "new.clerk@test.vn", "Good-Passw0rd!");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [SkippableTheory, Databases]
    public async Task The_back_office_speaks_Vietnamese_when_the_user_chooses_it(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInAsync(Roles.Admin);

        var switched = await TestApp.PostFormAsync(client, "/", "/account/language", new Dictionary<string, string> { ["culture"] = "vi-VN", ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var html = await client.GetStringAsync("/");
        Assert.Contains("Đăng xuất", html);
        Assert.Contains("lang=\"vi\"", html);
    }
}
