using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Ledger;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.Seed;

/// <summary>
/// The demo chain's stock: three stores and a warehouse, channel settings, and for every catalog SKU at every location a
/// ledger history (receipts at costs that drift, damage and loss adjustments) whose sums are the stock rows. Computed in
/// memory from <see cref="DemoSeed.Random"/>, written in bulk in one transaction.
/// </summary>
internal static class InventorySeed
{
    public static readonly IReadOnlyList<SeedLocation> Locations =
    [
        new("HN01", "OmniErp Hà Nội – Hoàn Kiếm", "Store", "25 Tràng Tiền, Phường Tràng Tiền, Quận Hoàn Kiếm, Hà Nội", 21.0245, 105.8542, "Mo-Fr 08:30-21:30; Sa-Su 08:00-22:00", true),
        new("HCM01", "OmniErp TP. Hồ Chí Minh – Quận 1", "Store", "135 Nam Kỳ Khởi Nghĩa, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh", 10.7769, 106.6953, "Mo-Su 08:00-22:00", true),
        new("DN01", "OmniErp Đà Nẵng – Hải Châu", "Store", "78 Bạch Đằng, Phường Thạch Thang, Quận Hải Châu, Đà Nẵng", 16.0717, 108.2241, "Mo-Sa 08:00-21:00; Su 09:00-20:00", false),
        new("WH01", "Kho tổng Bình Dương", "Warehouse", "Lô A2, KCN VSIP 1, Thuận An, Bình Dương", 10.9268, 106.7113, null, false),
    ];

    /// <summary>Channel → (buffer, quota, locations in priority order).</summary>
    public static readonly IReadOnlyList<(string Channel, int Buffer, int? Quota, string[] Locations)> Channels =
    [
        ("store", 0, null, ["HN01", "HCM01", "DN01"]),
        ("web", 0, null, ["WH01", "HN01", "HCM01", "DN01"]),
        ("shopee", 2, 50, ["WH01"]),
    ];

    private static readonly string[] DamageReasons = ["Hàng lỗi, hư hỏng khi vận chuyển", "Hàng trưng bày bị hỏng", "Mất mát, thất lạc", "Hết hạn sử dụng"];
    private static readonly string[] Suppliers = ["NCC-VIETTIEN", "NCC-THAIDUONG", "NCC-SAOMAI", "NCC-HOANGGIA", "NCC-PHUONGNAM"];

    public static async Task RunAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct)
    {
        var session = services.GetRequiredService<DbSession>();
        var mediator = services.GetRequiredService<IMediator>();
        var skus = await ListSkusAsync(mediator, ct);

        await session.BeginAsync(ct);
        var connection = session.Connection;
        var tx = session.Transaction;
        var sql = session.Dialect;
        foreach (var l in Locations)
            await connection.ExecuteAsync(new CommandDefinition(sql.Sql(
                """
                INSERT INTO inventory.locations (code, name, type, address, latitude, longitude, opening_hours, pickup_enabled, active)
                VALUES (@Code, @Name, @Type, @Address, @Latitude, @Longitude, @OpeningHours, @PickupEnabled, @Active)
                """), new { l.Code, l.Name, l.Type, l.Address, l.Latitude, l.Longitude, l.OpeningHours, l.PickupEnabled, Active = true }, tx, cancellationToken: ct));
        foreach (var c in Channels)
        {
            await connection.ExecuteAsync(new CommandDefinition(sql.Sql(
                "INSERT INTO inventory.channel_settings (channel, safety_buffer, quota) VALUES (@Channel, @Buffer, @Quota)"), new { c.Channel, c.Buffer, c.Quota }, tx, cancellationToken: ct));
            for (var i = 0; i < c.Locations.Length; i++)
                await connection.ExecuteAsync(new CommandDefinition(sql.Sql(
                    "INSERT INTO inventory.channel_locations (channel, location, priority) VALUES (@Channel, @Location, @Priority)"),
                    new { c.Channel, Location = c.Locations[i], Priority = i == 0 ? 0 : 1 }, tx, cancellationToken: ct));
        }

        var history = Plan(skus, seed);
        await BulkInsert.RunAsync(session, "inventory.movements", ["sku", "location", "kind", "quantity", "unit_cost", "reason", "reference", "occurred_at", "recorded_by"],
            history.Movements.OrderBy(m => m.OccurredAt).Select(m => new object?[] { m.Sku, m.Location, m.Kind.ToString(), m.Quantity, m.UnitCost, m.Reason, m.Reference, m.OccurredAt, m.RecordedBy }), ct);
        await BulkInsert.RunAsync(session, "inventory.stock", ["sku", "location", "on_hand", "reserved", "reorder_point", "reorder_quantity", "updated_at"],
            history.Stock.Select(s => new object?[] { s.Sku, s.Location, s.OnHand, 0, s.ReorderPoint, s.ReorderQuantity, s.UpdatedAt }), ct);
        await BulkInsert.RunAsync(session, "inventory.sku_costs", ["sku", "average_cost", "currency", "updated_at"],
            history.Costs.Select(c => new object?[] { c.Sku, c.AverageCost, "VND", c.UpdatedAt }), ct);
        // The plan averages per SKU location by location; the ledger is in time order. The perpetual cost is the one the
        // ledger replays to, so a Sale posted later carries the same cost a replay of the ledger would give it.
        await session.ExecuteAsync(OmniErp.Inventory.Costing.LedgerAverages.SetPerpetualFromLedger, null, ct);
        await session.CommitAsync(ct);
    }

    private static async Task<List<SkuInfo>> ListSkusAsync(IMediator mediator, CancellationToken ct)
    {
        var all = new List<SkuInfo>();
        while (true)
        {
            IReadOnlyList<SkuInfo> page;
            try
            {
                page = await mediator.Send(new ListSkus(all.Count, 1000), ct);
            }
            catch (InvalidOperationException)
            {
                return all; // no catalog in this deployable: locations and channels only
            }
            all.AddRange(page);
            if (page.Count < 1000) return all;
        }
    }

    internal sealed record SeedLocation(string Code, string Name, string Type, string? Address, double? Latitude, double? Longitude, string? OpeningHours, bool PickupEnabled);

    internal sealed record SeedStock(string Sku, string Location, int OnHand, int ReorderPoint, int ReorderQuantity, DateTimeOffset UpdatedAt);

    internal sealed record SeedCost(string Sku, decimal AverageCost, DateTimeOffset UpdatedAt);

    internal sealed record SeedMovement(string Sku, string Location, MovementKind Kind, int Quantity, decimal? UnitCost, string? Reason, string? Reference, DateTimeOffset OccurredAt, string RecordedBy);

    internal sealed record History(List<SeedMovement> Movements, List<SeedStock> Stock, List<SeedCost> Costs);

    /// <summary>The ledger history in memory: per SKU two or three receipts per location, some write-offs.</summary>
    internal static History Plan(IReadOnlyList<SkuInfo> skus, DemoSeed seed)
    {
        var random = seed.Random;
        var day0 = new DateTimeOffset(seed.Now.UtcDateTime.Date, TimeSpan.Zero);
        var movements = new List<SeedMovement>(skus.Count * 10);
        var stock = new List<SeedStock>(skus.Count * Locations.Count);
        var costs = new List<SeedCost>(skus.Count);
        var receiptNo = 1000;

        foreach (var sku in skus)
        {
            var baseCost = random.Next(20, 600) * 1000m;
            var totalOnHand = 0;
            var average = 0m;
            var lastReceipt = day0;
            foreach (var location in Locations)
            {
                var warehouse = location.Type == "Warehouse";
                var onHand = 0;
                var receipts = warehouse ? 3 : 2;
                for (var r = 0; r < receipts; r++)
                {
                    var quantity = warehouse ? random.Next(40, 160) : random.Next(6, 30);
                    var cost = Math.Round(baseCost * (0.92m + (decimal)random.NextDouble() * 0.16m) / 100m, 0) * 100m;
                    var at = day0.AddDays(-88 + r * 30 + random.Next(0, 10)).AddHours(1 + random.Next(0, 9));
                    // Weighted average over all locations, in receipt order (per SKU the locations are visited in one pass).
                    average = totalOnHand + quantity == 0 ? cost : Math.Round((totalOnHand * average + quantity * cost) / (totalOnHand + quantity), 4);
                    totalOnHand += quantity;
                    onHand += quantity;
                    movements.Add(new SeedMovement(sku.Sku, location.Code, MovementKind.Receipt, quantity, cost, null,
                        $"PN-{++receiptNo} {Suppliers[random.Next(Suppliers.Length)]}", at, warehouse ? "kho.wh01@omnierp.vn" : $"manager.{location.Code.ToLowerInvariant()}@omnierp.vn"));
                    lastReceipt = at > lastReceipt ? at : lastReceipt;
                }
                if (random.NextDouble() < 0.12)
                {
                    var loss = Math.Min(onHand, random.Next(1, 4));
                    onHand -= loss;
                    totalOnHand -= loss;
                    movements.Add(new SeedMovement(sku.Sku, location.Code, MovementKind.Adjustment, -loss, null, DamageReasons[random.Next(DamageReasons.Length)],
                        null, day0.AddDays(-random.Next(1, 50)).AddHours(2 + random.Next(0, 8)), "manager.hn@omnierp.vn"));
                }
                // A few store rows run low, so the low-stock list has something true to show.
                if (!warehouse && random.NextDouble() < 0.08 && onHand > 3)
                {
                    var sold = onHand - random.Next(0, 4);
                    onHand -= sold;
                    totalOnHand -= sold;
                    movements.Add(new SeedMovement(sku.Sku, location.Code, MovementKind.Adjustment, -sold, null, "Chuyển hàng trưng bày sang kho khác",
                        null, day0.AddDays(-random.Next(1, 20)).AddHours(3), "manager.hn@omnierp.vn"));
                }
                stock.Add(new SeedStock(sku.Sku, location.Code, onHand, warehouse ? 30 : 5, warehouse ? 150 : 20, day0));
            }
            costs.Add(new SeedCost(sku.Sku, average, lastReceipt));
        }
        return new History(movements, stock, costs);
    }
}
