using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;
using OmniErp.Inventory.Data;

namespace OmniErp.Inventory;

/// <summary>The Inventory module: see README.md beside this file for what it owns, publishes and consumes.</summary>
public sealed class InventoryModule : IModule
{
    public string Name => "Inventory";
    public string Schema => "inventory";
    public int Order => 30;

    public IReadOnlyList<MenuItem> Menu { get; } =
    [
        new("Stock", "/inventory/stock", Roles.Everyone.Split(',')),
    ];

    public IReadOnlyDictionary<string, string> Vietnamese => InventoryTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<InventoryDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
    }

    public Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => Task.CompletedTask;
}
