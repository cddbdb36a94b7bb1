using System.Net;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Host.Database;
using OmniErp.Host.Identity;
using OmniErp.Kernel.Data;

namespace OmniErp.IntegrationTests.Infrastructure;

/// <summary>
/// The real host (every module, real database, real HTTP pipeline) over a test database. Settings are the same as
/// production except: no demo seed unless asked, the outbox worker off (tests dispatch explicitly), and a fixed clock-free
/// configuration you can add to through <c>settings</c>.
/// </summary>
public sealed partial class TestApp : WebApplicationFactory<Program>
{
    public const string Password = "Test-Passw0rd!";
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    private TestApp(TestDatabase database, bool ownsDatabase, bool seedDemo, IDictionary<string, string?>? settings, Action<IServiceCollection>? services = null)
    {
        _configureServices = services;
        _database = database;
        _ownsDatabase = ownsDatabase;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = seedDemo ? "true" : "false",
            ["Demo:Users"] = "true",
            ["Demo:Scale"] = "0.1",
            ["Demo:Today"] = "2026-11-20T03:00:00+00:00",
            ["Outbox:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public TestDatabase Database => _database;
    public Db Kind => _database.Kind;

    /// <summary>Starts the host on a new database of the given kind.</summary>
    /// <param name="services">Extra registrations (test handlers, a manual clock) applied after the host's own.</param>
    public static async Task<TestApp> StartAsync(Db kind, bool demo = false, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        PostgresGuard.SkipIfUnavailable(kind);
        var database = await TestDatabase.CreateAsync(kind, demo);
        return await StartCoreAsync(new TestApp(database, ownsDatabase: true, seedDemo: false, settings, services));
    }

    /// <summary>Starts the host on an existing database (which it migrates and, if asked, seeds); the database outlives the app.</summary>
    public static Task<TestApp> StartOnAsync(TestDatabase database, bool seedDemo = false, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartCoreAsync(new TestApp(database, ownsDatabase: false, seedDemo, settings, services));

    private static async Task<TestApp> StartCoreAsync(TestApp app)
    {
        _ = app.Server; // builds the host: migrates and seeds in StartupTasks
        await Task.CompletedTask;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        if (_configureServices is not null) builder.ConfigureServices(_configureServices);
    }

    /// <summary>Sends a request through the mediator in its own scope, as a controller or resolver would.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, CancellationToken ct = default)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
    }

    /// <summary>Runs code with a scoped service provider (a DbSession of its own).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    /// <summary>A Dapper query on the test database (SQL with schema.table names, rewritten for SQLite).</summary>
    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? param = null) =>
        InScopeAsync(sp => sp.GetRequiredService<DbSession>().QueryAsync<T>(sql, param));

    public Task<T?> ScalarAsync<T>(string sql, object? param = null) =>
        InScopeAsync(sp => sp.GetRequiredService<DbSession>().ExecuteScalarAsync<T>(sql, param));

    /// <summary>Creates a staff user with one role (password <see cref="Password"/>).</summary>
    public async Task<string> CreateStaffAsync(string role, string? email = null, string? homeStore = null)
    {
        email ??= $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@test.vn";
        await InScopeAsync(async sp =>
        {
            var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, DisplayName = role + " Test", HomeStore = homeStore, Culture = "en-US" };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        });
        return email;
    }

    /// <summary>An HTTP client that keeps cookies and does not follow redirects.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as a new staff user with the role.</summary>
    public async Task<HttpClient> SignedInAsync(string role, string? homeStore = null)
    {
        var email = await CreateStaffAsync(role, homeStore: homeStore);
        var client = Browser();
        var response = await SignInAsync(client, email, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {role} failed: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/sign-in");
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>GETs a page and returns the antiforgery token of its first form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenField().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    /// <summary>Posts a form with the antiforgery token taken from <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, IDictionary<string, string> fields)
    {
        var token = await AntiforgeryTokenAsync(client, formPage);
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action, new FormUrlEncodedContent(all));
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) await _database.DisposeAsync();
    }
}
