using OmniErp.Inventory.Contracts;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;

namespace OmniErp.IntegrationTests.Inventory;

public sealed class PastSalesTests
{
    private static readonly DateTimeOffset T0 = InventoryTestApp.T0;

    private static PastSale Sale(string reference, string location, DateTimeOffset at, string sku, int quantity) =>
        new(reference, location, at, [new StockLine(sku, quantity)]);

    [SkippableTheory, Databases]
    public async Task Past_sales_land_on_the_ledger_dated_when_they_happened_and_the_stock_follows(Db db)
    {
        var clock = new ManualClock(T0.AddDays(-30));
        await using var app = await InventoryTestApp.StartAsync(db, clock);
        await app.ReceiveAsync("HN01", "SOMI-1", 10);
        clock.Advance(TimeSpan.FromDays(30));

        var refused = await app.SendAsync(new PostPastSales(
            [Sale("POS-1", "HN01", T0.AddDays(-20), "SOMI-1", 3), Sale("POS-2", "HN01", T0.AddDays(-10), "SOMI-1", 2)],
            [new PastReturn("POS-1", "RET-1", "HN01", T0.AddDays(-15), [new StockLine("SOMI-1", 1)])]));

        Assert.Empty(refused);
        Assert.Equal(10 - 3 + 1 - 2, (await app.LevelAsync("SOMI-1", "HN01")).OnHand);
        var sales = (await app.QueryAsync<(string Kind, long Quantity, string Reference, DateTimeOffset At)>(
            "SELECT kind, quantity, reference, occurred_at FROM inventory.movements WHERE sku = 'SOMI-1' AND kind <> 'Receipt' ORDER BY occurred_at")).ToList();
        Assert.Equal([("Sale", -3L, "POS-1"), ("Return", 1L, "RET-1"), ("Sale", -2L, "POS-2")], sales.Select(s => (s.Kind, s.Quantity, s.Reference)));
        Assert.Equal(T0.AddDays(-20), sales[0].At);
        Assert.Empty(await app.VerifyLedgerAsync());
    }

    [SkippableTheory, Databases]
    public async Task A_past_sale_of_units_the_store_did_not_have_at_that_moment_is_refused_with_its_returns(Db db)
    {
        var clock = new ManualClock(T0.AddDays(-10));
        await using var app = await InventoryTestApp.StartAsync(db, clock);
        await app.ReceiveAsync("HN01", "QUAN-1", 5);   // received ten days ago
        clock.Advance(TimeSpan.FromDays(5));
        await app.SendAsync(new OmniErp.Inventory.Adjustments.AdjustStock("HN01", "QUAN-1", -4, "damaged")); // 1 left five days ago
        clock.Advance(TimeSpan.FromDays(5));

        var refused = await app.SendAsync(new PostPastSales(
            [
                Sale("BEFORE-RECEIPT", "HN01", T0.AddDays(-20), "QUAN-1", 1),   // nothing there yet
                Sale("BREAKS-LATER", "HN01", T0.AddDays(-8), "QUAN-1", 2),      // there then, but the later write-off would go below zero
                Sale("FITS", "HN01", T0.AddDays(-2), "QUAN-1", 1),
                Sale("NOW-TOO-MUCH", "HN01", T0.AddDays(-1), "QUAN-1", 1),      // the last unit went to FITS
            ],
            [new PastReturn("BREAKS-LATER", "RET-X", "HN01", T0.AddDays(-7), [new StockLine("QUAN-1", 2)])]));

        Assert.Equal(["BEFORE-RECEIPT", "BREAKS-LATER", "NOW-TOO-MUCH"], refused);
        Assert.Equal(0, (await app.LevelAsync("QUAN-1", "HN01")).OnHand);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.movements WHERE reference IN ('BEFORE-RECEIPT', 'BREAKS-LATER', 'NOW-TOO-MUCH', 'RET-X')"));
        Assert.Empty(await app.VerifyLedgerAsync());
    }

    [SkippableTheory, Databases]
    public async Task Past_sales_never_take_units_that_live_orders_hold(Db db)
    {
        var clock = new ManualClock(T0.AddDays(-3));
        await using var app = await InventoryTestApp.StartAsync(db, clock);
        await app.ReceiveAsync("HN01", "MU-1", 2);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.True((await app.SendAsync(new ReserveStock("store", "HN01", "POS-LIVE", [new StockLine("MU-1", 2)]))).Succeeded);

        Assert.Equal(["POS-OLD"], await app.SendAsync(new PostPastSales([Sale("POS-OLD", "HN01", T0.AddDays(-1), "MU-1", 1)], [])));
        Assert.Equal(2, (await app.LevelAsync("MU-1", "HN01")).OnHand);
    }

    [SkippableTheory, Databases]
    public async Task Past_sales_at_an_unknown_location_are_refused_whole(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        var error = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new PostPastSales([Sale("X", "NOWHERE", T0, "MU-1", 1)], [])));
        Assert.Contains("NOWHERE", error.Message);
    }
}
