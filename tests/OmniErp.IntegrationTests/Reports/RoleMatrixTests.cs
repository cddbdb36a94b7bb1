using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;

namespace OmniErp.IntegrationTests.Reports;

/// <summary>
/// Every back-office GET route × every role: the answer is what the route's [Authorize(Roles)] declares (or, for the
/// report pages, whose roles are per report, the table below). Routes come from MVC's endpoint data source, so a new
/// page is in the matrix without anyone adding it here. Routes with parameters are filled with a sample value when
/// one is known (the Reports module's); others are left out, since a value failing their constraint gives 404 first.
/// </summary>
public sealed class RoleMatrixTests
{
    private static readonly Dictionary<string, string[]> ReportPages = new()
    {
        ["/reports/stock-ledger"] = [Roles.Admin, Roles.Accountant, Roles.StoreManager, Roles.Merchandiser],
        ["/reports/inventory-valuation"] = [Roles.Admin, Roles.Accountant, Roles.StoreManager, Roles.Merchandiser],
        ["/reports/price-changes"] = [Roles.Admin, Roles.Accountant, Roles.Merchandiser],
        ["/reports/loyalty-liability"] = [Roles.Admin, Roles.Accountant],
        ["/reports/loyalty-liability/export?format=csv"] = [Roles.Admin, Roles.Accountant],
        ["/reports/price-changes/export?format=xlsx"] = [Roles.Admin, Roles.Accountant, Roles.Merchandiser],
    };

    private static readonly Dictionary<string, string[]> Declared = new()
    {
        ["/reports"] = [Roles.Admin, Roles.Accountant, Roles.StoreManager, Roles.Merchandiser],
        ["/reports/dashboard"] = [.. Roles.All],
        ["/reports/periods"] = [Roles.Admin, Roles.Accountant],
    };

    [SkippableFact]
    public async Task Every_back_office_route_allows_exactly_the_roles_it_declares()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var routes = BackOfficeGetRoutes(app);
        Assert.Contains(routes, r => r.Path == "/reports/dashboard");
        Assert.True(routes.Count > 10, $"only {routes.Count} routes found");

        // Our own module's routes: the declared table above must agree with the attributes.
        foreach (var (path, roles) in Declared)
            Assert.Equal(roles.Order(), routes.Single(r => r.Path == path).Allowed.Order());

        var cases = routes.Select(r => (r.Path, r.Allowed)).Concat(ReportPages.Select(p => (Path: p.Key, Allowed: (IReadOnlyList<string>)p.Value))).ToList();
        var failures = new List<string>();
        foreach (var role in Roles.All)
        {
            var client = await app.SignedInAsync(role);
            foreach (var (path, allowed) in cases)
            {
                var response = await client.GetAsync(path);
                var denied = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                             || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/account/sign-in") == true);
                if (denied == allowed.Contains(role))
                    failures.Add($"{role} {path}: {(int)response.StatusCode}, expected {(allowed.Contains(role) ? "allow" : "deny")}");
            }
        }

        // Anonymous: every back-office route sends to sign-in.
        var anonymous = app.Browser();
        foreach (var (path, _) in cases)
        {
            var response = await anonymous.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/account/sign-in") != true)
                failures.Add($"anonymous {path}: {(int)response.StatusCode}, expected the sign-in page");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private sealed record RouteCase(string Path, IReadOnlyList<string> Allowed);

    private static List<RouteCase> BackOfficeGetRoutes(TestApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var result = new List<RouteCase>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is null) continue;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;
            if (endpoint.RoutePattern.Parameters.Count > 0) continue;
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var allowed = Roles.All.Where(role => authorize.All(a => a.Roles is null || a.Roles.Split(',').Contains(role))).ToList();
            if (result.All(r => r.Path != path)) result.Add(new RouteCase(path, allowed));
        }
        return result;
    }
}
