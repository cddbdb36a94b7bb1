using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OmniErp.Host;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;

namespace OmniErp.BrowserTests;

/// <summary>
/// The real host on Kestrel at a loopback port, over a demo database, and Debian's chromium driven by Playwright.
/// One per test class; the browser is never downloaded.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private WebApplication? _app;
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public static string? Unavailable => File.Exists(Chromium) ? null : $"{Chromium} is missing (apt-get install chromium): browser test SKIPPED.";

    public async Task InitializeAsync()
    {
        if (Unavailable is not null) return;
        _database = await TestDatabase.CreateAsync(Db.Sqlite, demo: true);
        _app = OmniErpApp.Build(["--urls=http://127.0.0.1:0", "--environment=Testing", $"--contentRoot={HostFolder()}"], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = _database.ConnectionString,
            ["Database:SeedDemoData"] = "false",
            ["Outbox:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh page signed in as a demo user.</summary>
    public async Task<IPage> SignInAsync(string email)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-US", AcceptDownloads = true, ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", OmniErp.Host.Database.DemoData.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    private static string HostFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OmniErp.sln"))) dir = dir.Parent;
        return dir is null ? AppContext.BaseDirectory : Path.Combine(dir.FullName, "src", "OmniErp.Host");
    }

    /// <summary>Reads the live database (for checking what a page or a downloaded file shows against it).</summary>
    public async Task<T> QueryScalarAsync<T>(string sql, object? param = null)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteScalarAsync<T>(sql, param))!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? param = null)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<DbSession>().QueryAsync<T>(sql, param)).ToList();
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_database is not null) await _database.DisposeAsync();
    }
}
