using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Data;
using OmniErp.Catalog.ProductImport;
using OmniErp.Catalog.Seeding;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

using OmniErp.Catalog.Storefront;

namespace OmniErp.Catalog;

/// <summary>The Catalog module: see README.md beside this file for what it owns, publishes and consumes.</summary>
public sealed class CatalogModule : IModule
{
    public string Name => "Catalog";
    public string Schema => "catalog";
    public int Order => 10;

    public IReadOnlyList<MenuItem> Menu { get; } =
    [
        new("Products", "/catalog/products", (Roles.Merchandising + ",StoreManager,StoreClerk").Split(',')),
        new("Import / export", "/catalog/import", Roles.Merchandising.Split(','), 1),
    ];

    public void AddGraphQL(OmniErp.GraphQL.SchemaBuilder schema) => ProductGraph.Register(schema);

    public IReadOnlyDictionary<string, string> Vietnamese => CatalogTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<CatalogDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
        services.AddScoped<ICliVerb, CatalogImportVerb>();
        services.AddScoped<ICliVerb, CatalogExportVerb>();
    }

    public async Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct)
    {
        var session = services.GetRequiredService<DbSession>();
        await session.BeginAsync(ct);
        await CatalogSeed.RunAsync(session, seed, ct);
        await session.CommitAsync(ct);
    }
}
