using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;
using OmniErp.Catalog.Data;

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
    ];

    public IReadOnlyDictionary<string, string> Vietnamese => CatalogTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<CatalogDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
    }

    public Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => Task.CompletedTask;
}
