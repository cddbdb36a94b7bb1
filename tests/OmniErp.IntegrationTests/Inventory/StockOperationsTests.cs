using OmniErp.Inventory.Adjustments;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Receipts;
using OmniErp.Inventory.StockCounts;
using OmniErp.Inventory.StockTransfers;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;

namespace OmniErp.IntegrationTests.Inventory;

public sealed class StockOperationsTests
{
    [SkippableTheory, Databases]
    public async Task Receipts_move_the_weighted_average_cost_across_all_locations(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("WH01", "KEM-1", 10, 100_000m);
        await app.ReceiveAsync("HN01", "KEM-1", 30, 120_000m);        // (10×100k + 30×120k) / 40 = 115k
        await app.SendAsync(new AdjustStock("HN01", "KEM-1", -20, "lost")); // 20 left, still at 115k
        await app.ReceiveAsync("HCM01", "KEM-1", 20, 105_000m);       // (20×115k + 20×105k) / 40 = 110k

        var cost = Assert.Single(await app.SendAsync(new GetSkuCosts(["KEM-1"])));
        Assert.Equal(110_000m, cost.AverageCost);
        var valuation = await app.SendAsync(new GetStockValuation());
        Assert.Equal(40 * 110_000m, valuation.Where(v => v.Sku == "KEM-1").Sum(v => v.Value));
    }

    [SkippableTheory, Databases]
    public async Task A_transfer_is_in_transit_until_the_receiving_store_books_it_in(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("WH01", "DEP-1", 12);
        var id = await app.SendAsync(new ShipTransfer("WH01", "DN01", [new StockLine("DEP-1", 5)], "kho@test.vn"));

        Assert.Equal(7, (await app.LevelAsync("DEP-1", "WH01")).OnHand);
        Assert.Equal(0, (await app.LevelAsync("DEP-1", "DN01")).OnHand);
        Assert.Equal("InTransit", await app.ScalarAsync<string>("SELECT status FROM inventory.transfers WHERE id = @id", new { id }));

        await app.SendAsync(new ReceiveTransfer(id, "manager.dn@test.vn"));
        await app.SendAsync(new ReceiveTransfer(id, "manager.dn@test.vn"));
        Assert.Equal(5, (await app.LevelAsync("DEP-1", "DN01")).OnHand);

        var tooMuch = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ShipTransfer("WH01", "HN01", [new StockLine("DEP-1", 8)], "kho@test.vn")));
        Assert.Equal("INSUFFICIENT_STOCK", tooMuch.Errors[0].Code);
        Assert.Empty(await app.VerifyLedgerAsync());
    }

    [SkippableTheory, Databases]
    public async Task Posting_a_count_turns_variances_into_corrections_with_who_and_when(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("HN01", "KHAN-1", 10);
        await app.ReceiveAsync("HN01", "KHAN-2", 4);
        var id = await app.SendAsync(new StartCount("HN01", "clerk@test.vn"));
        await app.SendAsync(new RecordCount(id, [new CountedLine("KHAN-1", 8), new CountedLine("KHAN-2", 4), new CountedLine("KHAN-9", 2)]));

        Assert.Equal(2, await app.SendAsync(new PostCount(id, "manager@test.vn")));
        Assert.Equal(8, (await app.LevelAsync("KHAN-1", "HN01")).OnHand);
        Assert.Equal(2, (await app.LevelAsync("KHAN-9", "HN01")).OnHand);
        var corrections = (await app.QueryAsync<(string Sku, long Quantity, string RecordedBy)>(
            "SELECT sku, quantity, recorded_by FROM inventory.movements WHERE kind = 'CountCorrection' ORDER BY sku")).ToList();
        Assert.Equal([("KHAN-1", -2L, "manager@test.vn"), ("KHAN-9", 2L, "manager@test.vn")], corrections);
        await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new PostCount(id, "manager@test.vn")));
        Assert.Empty(await app.VerifyLedgerAsync());
    }

    [SkippableTheory, Databases]
    public async Task The_store_locator_lists_the_nearest_stores_with_stock_and_pickup_today(Db db)
    {
        var clock = new ManualClock(InventoryTestApp.T0); // Friday 10:00 in Vietnam
        await using var app = await InventoryTestApp.StartAsync(db, clock);
        await app.ReceiveAsync("HN01", "VAY-1", 3);
        await app.ReceiveAsync("DN01", "VAY-1", 1);

        // From Hồ Gươm, Hà Nội.
        var stores = await app.SendAsync(new FindStoresNear(21.0287, 105.8524, ["VAY-1"]));
        Assert.Equal(["HN01", "DN01", "HCM01"], stores.Select(s => s.Store.Code));
        Assert.InRange(stores[0].DistanceKm, 0, 1.5);
        Assert.True(stores[0].PickupToday);
        Assert.True(stores[0].OpenNow);
        Assert.Equal("08:30-21:30", stores[0].HoursToday);
        Assert.Equal(3, Assert.Single(stores[0].Stock).Available);
        Assert.False(stores[1].PickupToday); // Đà Nẵng has pickup off
        Assert.Equal(0, Assert.Single(stores[2].Stock).Available);

        clock.Advance(TimeSpan.FromHours(12)); // 22:00: Hà Nội closed for today
        Assert.False((await app.SendAsync(new FindStoresNear(21.0287, 105.8524, ["VAY-1"], Limit: 1)))[0].PickupToday);
    }

    [SkippableTheory, Databases]
    public async Task A_receipt_at_an_unknown_location_or_without_lines_is_refused(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        var unknown = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ReceiveStock("XX99", "PN-1", [new ReceiptLine("A", 1, 1m)])));
        Assert.Equal("Location", unknown.Errors[0].Field);
        var empty = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ReceiveStock("HN01", "PN-1", [])));
        Assert.Equal(ErrorKind.Validation, empty.Kind);
    }
}
