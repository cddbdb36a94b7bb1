using OmniErp.Kernel.Modules;

namespace OmniErp.Host;

/// <summary>The modules this deployable is made of, in migration and seeding order.</summary>
public static class ModuleList
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        new OmniErp.Catalog.CatalogModule(),
        new OmniErp.Pricing.PricingModule(),
        new OmniErp.Inventory.InventoryModule(),
        new OmniErp.Customers.CustomersModule(),
        new OmniErp.Orders.OrdersModule(),
        new OmniErp.Reports.ReportsModule(),
    ];
}
