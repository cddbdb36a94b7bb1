using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Adjustments;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Receipts;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Orders.Contracts;
using OmniErp.Pricing.Contracts;

namespace OmniErp.IntegrationTests.Orders;

/// <summary>The host on a copy of the demo database (scale 0.1), with a webhook secret for shopee.</summary>
internal static class OrdersTestApp
{
    public const string ShopeeSecret = "test-shopee-secret";

    public static Task<TestApp> StartAsync(Db db, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) =>
        TestApp.StartAsync(db, demo: true, settings: new Dictionary<string, string?>
        {
            ["Orders:Marketplace:Channels:shopee:Secret"] = ShopeeSecret,
            ["Inventory:ReservationSweep:Enabled"] = "false",
        }, services: services);

    /// <summary>Active SKUs listed on every channel and priced on each, in SKU order.</summary>
    public static async Task<List<string>> SkusAsync(this TestApp app, int count, int skip = 0)
    {
        var skus = await app.SendAsync(new ListSkus(0, 2000, ProductStatus.Active));
        var everywhere = skus.Where(s => new[] { "store", "web", "shopee" }.All(c => s.Channels.Contains(c))).Select(s => s.Sku).ToList();
        var priced = new HashSet<string>(everywhere);
        foreach (var ch in new[] { "store", "web", "shopee" })
            priced.IntersectWith((await app.SendAsync(new GetPrices(ch, everywhere))).Select(p => p.Sku));
        return everywhere.Where(priced.Contains).Skip(skip).Take(count).ToList();
    }

    public static async Task<StockLevel> LevelAsync(this TestApp app, string sku, string location) =>
        (await app.SendAsync(new GetStockLevels([sku], [location]))).SingleOrDefault() ?? new StockLevel(sku, location, 0, 0, 0);

    /// <summary>Makes exactly <paramref name="available"/> units available at the location (receipt or write-down).</summary>
    public static async Task SetAvailableAsync(this TestApp app, string sku, string location, int available)
    {
        var level = await app.LevelAsync(sku, location);
        var delta = available - level.Available;
        if (delta > 0) await app.SendAsync(new ReceiveStock(location, "PN-TEST", [new ReceiptLine(sku, delta, 100_000m)], "test@omnierp.vn"));
        else if (delta < 0) await app.SendAsync(new AdjustStock(location, sku, delta, "Test set-up", "test@omnierp.vn"));
    }

    public static PlaceOrder Web(string key, params (string Sku, int Qty)[] lines) =>
        new("web", key, lines.Select(l => new OrderLineRequest(l.Sku, l.Qty)).ToList(), Fulfilment.Delivery,
            DeliveryAddress: "12 Lý Thái Tổ, Hoàn Kiếm, Hà Nội", PaymentMethod: PaymentMethods.Cod, PlacedBy: "test");

    public static PlaceOrder Pickup(string key, string store, params (string Sku, int Qty)[] lines) =>
        new("web", key, lines.Select(l => new OrderLineRequest(l.Sku, l.Qty)).ToList(), Fulfilment.Pickup, Store: store,
            PaymentMethod: PaymentMethods.Card, PlacedBy: "test");

    public static PlaceOrder Pos(string key, string store, string? phone, params (string Sku, int Qty)[] lines) =>
        new("store", key, lines.Select(l => new OrderLineRequest(l.Sku, l.Qty)).ToList(), Fulfilment.InStore, Store: store,
            Buyer: phone is null ? null : new OrderBuyer(phone, null, "Khách lẻ"), PaymentMethod: PaymentMethods.Cash, PlacedBy: "clerk");

    public static Task<long> CountAsync(this TestApp app, string sql, object? param = null) => app.ScalarAsync<long>(sql, param);
}
