using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Inventory.Costing;
using OmniErp.Inventory.Data;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Reservations;
using OmniErp.GraphQL;
using OmniErp.Inventory.Seed;
using OmniErp.Inventory.Storefront;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

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
        new("Movements", "/inventory/movements", Roles.Everyone.Split(','), 1),
        new("Receipts", "/inventory/receipts", Roles.StoreStaff.Split(',').Append(Roles.Merchandiser).ToList(), 2),
        new("Adjustments", "/inventory/adjustments", Roles.StoreManagement.Split(','), 3),
        new("Transfers", "/inventory/transfers", Roles.StoreStaff.Split(','), 4),
        new("Counts", "/inventory/counts", Roles.StoreStaff.Split(','), 5),
        new("Low stock", "/inventory/stock/low", Roles.Everyone.Split(','), 6),
    ];

    public IReadOnlyDictionary<string, string> Vietnamese => InventoryTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<InventoryDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
        services.AddScoped<StockLedger>();
        services.AddScoped<AverageCost>();
        services.AddScoped<IVerification, LedgerVerification>();
        services.Configure<ReservationSweepOptions>(configuration.GetSection("Inventory:ReservationSweep"));
        services.AddHostedService<ReservationSweeper>();
    }

    public void AddGraphQL(SchemaBuilder schema) => StockGraph.Register(schema);

    public Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => InventorySeed.RunAsync(services, seed, ct);
}
