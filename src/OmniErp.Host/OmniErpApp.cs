using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Authorization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OmniErp.Host.Database;
using OmniErp.Host.Health;
using OmniErp.Host.Identity;
using OmniErp.Host.Shell;
using OmniErp.Host.Storefront;
using OmniErp.Kernel;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Localization;
using OmniErp.Kernel.Modules;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Host;

/// <summary>The composition root: modules, database, identity, the back-office shell and the GraphQL gateway.</summary>
public static class OmniErpApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name anchors MVC's discovery of controllers and views, whoever the entry assembly is (CLI, tests).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(OmniErpApp).Assembly.GetName().Name });
        configure?.Invoke(builder);
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        // Read when first resolved, so settings added late (tests, command line) are honoured.
        services.AddKernel(sp => CreateConnectionFactory(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));

        var modules = ModuleList.All;
        foreach (var module in modules)
        {
            services.AddSingleton(module);
            module.AddServices(services, configuration);
        }
        services.AddMediatorFrom([typeof(OmniErpApp).Assembly, .. modules.Select(m => m.Assembly), .. ContractAssemblies(modules)]);

        services.AddSingleton<Migrator>();
        services.AddScoped<DemoData>();
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<OutboxWorker>();

        // Identity for staff: cookie sign-in, roles, lockout after repeated failures.
        services.AddDbContext<StaffDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
        services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<StaffDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "omnierp.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            // A forbidden page answers 403 (rendered by the status-code page), not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Headers.Accept.ToString().Contains("application/json"))
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        // Localization: English text is the key; modules add Vietnamese.
        var vietnamese = modules.SelectMany(m => m.Vietnamese).Concat(ShellTexts.Vietnamese)
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var localizer = new TextLocalizer(vietnamese);
        services.AddSingleton<IStringLocalizer>(localizer);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(TextLocalizer.English);
            o.SupportedCultures = [.. TextLocalizer.Supported];
            o.SupportedUICultures = [.. TextLocalizer.Supported];
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<AppExceptionFilter>();
            })
            // Field errors ([Required(ErrorMessage = "…")]) are translated like every other text.
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, _) => localizer)
            .ConfigureApplicationPartManager(parts =>
            {
                // Module controllers are internal: discover them too.
                parts.FeatureProviders.Add(new InternalControllerFeatureProvider(modules.Select(m => m.Assembly)));
            });
        services.Configure<RazorViewEngineOptions>(o =>
        {
            // Feature folders: a module's views live beside their controller, at /{Feature}/{View}.cshtml.
            // Modules are MVC areas, so their lookups go through the area formats.
            o.ViewLocationFormats.Insert(0, "/{1}/{0}.cshtml");
            o.AreaViewLocationFormats.Insert(0, "/{1}/{0}.cshtml");
            o.AreaViewLocationFormats.Add("/Views/Shared/{0}.cshtml");
        });
        services.AddAntiforgery(o => o.Cookie.Name = "omnierp.af");
        // Vietnamese text is written as text, not as numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.Configure<StorefrontOptions>(configuration.GetSection("GraphQL"));
        services.AddSingleton(_ => StorefrontGraph.Compose(modules));

        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddProblemDetails();
    }

    public static void UsePipeline(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthEndpoints();
        app.MapStorefront();
        app.MapControllers();
    }

    public static DbConnectionFactory CreateConnectionFactory(DatabaseOptions database, string contentRoot)
    {
        var connectionString = database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(database.ConnectionString)
            ? $"Data Source={Path.Combine(contentRoot, "data", "omnierp.db")}"
            : database.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");
        return new DbConnectionFactory(database.Provider, connectionString);
    }

    private static IEnumerable<System.Reflection.Assembly> ContractAssemblies(IEnumerable<IModule> modules) =>
        modules.SelectMany(m => m.Assembly.GetReferencedAssemblies())
            .Where(n => n.Name is { } name && name.StartsWith("OmniErp.", StringComparison.Ordinal) && name.EndsWith(".Contracts", StringComparison.Ordinal))
            .Select(System.Reflection.Assembly.Load)
            .Distinct();
}
