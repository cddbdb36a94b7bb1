using OmniErp.Inventory.Adjustments;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Reservations;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;

namespace OmniErp.IntegrationTests.Inventory;

public sealed class ReserveStockTests
{
    [SkippableTheory, Databases]
    public async Task Reserves_every_line_or_none_and_names_each_short_line(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("HN01", "AO-1", 5);
        await app.ReceiveAsync("HN01", "QUAN-1", 1);

        var refused = await app.SendAsync(new ReserveStock("store", "HN01", "ORD-1",
            [new StockLine("AO-1", 3), new StockLine("QUAN-1", 2), new StockLine("MU-1", 1)]));

        Assert.False(refused.Succeeded);
        Assert.Null(refused.ReservationId);
        Assert.Equal(
            [("MU-1", 1, 0, ShortageReasons.OutOfStock), ("QUAN-1", 2, 1, ShortageReasons.OutOfStock)],
            refused.Shortages.Select(s => (s.Sku, s.Requested, s.Available, s.Reason)).OrderBy(s => s.Sku).ToList());
        Assert.Equal(0, (await app.LevelAsync("AO-1", "HN01")).Reserved); // the line that fitted was rolled back too

        var ok = await app.SendAsync(new ReserveStock("store", "HN01", "ORD-2", [new StockLine("AO-1", 2), new StockLine("AO-1", 1), new StockLine("QUAN-1", 1)]));
        Assert.True(ok.Succeeded);
        Assert.Equal(new StockLevel("AO-1", "HN01", 5, 3, 2), await app.LevelAsync("AO-1", "HN01"));
        Assert.Empty(await app.VerifyLedgerAsync());

        // Every change went out through the outbox with the row's figures after it; the refused attempt published nothing.
        var events = (await app.QueryAsync<string>("SELECT payload FROM kernel.outbox WHERE type = @type ORDER BY occurred_at",
                new { type = typeof(StockChanged).FullName }))
            .Select(p => System.Text.Json.JsonSerializer.Deserialize<StockChanged>(p, OmniErp.Kernel.Outbox.EventTypes.Json)!).ToList();
        Assert.Equal([new StockChanged("AO-1", "HN01", 5, 5), new StockChanged("QUAN-1", "HN01", 1, 1), new StockChanged("AO-1", "HN01", 5, 2), new StockChanged("QUAN-1", "HN01", 1, 0)], events);
    }

    [SkippableTheory, Databases]
    public async Task A_marketplace_sees_warehouse_stock_less_its_buffer_capped_by_its_quota_and_reserves_the_same(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("WH01", "SON-1", 100);
        await app.ReceiveAsync("HN01", "SON-1", 7);
        await app.ReceiveAsync("WH01", "SON-2", 5);

        var shopee = await app.SendAsync(new GetChannelAvailability("shopee", ["SON-1", "SON-2", "SON-3"]));
        Assert.Equal([new("SON-1", 50), new("SON-2", 3), new("SON-3", 0)], shopee);
        var web = await app.SendAsync(new GetChannelAvailability("web", ["SON-1", "SON-2"]));
        Assert.Equal([new("SON-1", 107), new("SON-2", 5)], web);

        var tooMany = await app.SendAsync(new ReserveStock("shopee", "WH01", "SP-1", [new StockLine("SON-2", 4)]));
        Assert.Equal(new StockShortage("SON-2", 4, 3, ShortageReasons.OutOfStock), Assert.Single(tooMany.Shortages));
        var overQuota = await app.SendAsync(new ReserveStock("shopee", "WH01", "SP-2", [new StockLine("SON-1", 51)]));
        Assert.Equal(ShortageReasons.QuotaExceeded, Assert.Single(overQuota.Shortages).Reason);
        Assert.True((await app.SendAsync(new ReserveStock("shopee", "WH01", "SP-3", [new StockLine("SON-2", 3)]))).Succeeded);
        Assert.Equal([new("SON-2", 0)], await app.SendAsync(new GetChannelAvailability("shopee", ["SON-2"])));
        Assert.Equal([new("SON-2", 2)], await app.SendAsync(new GetChannelAvailability("web", ["SON-2"])));

        var wrongPlace = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ReserveStock("shopee", "HN01", "SP-4", [new StockLine("SON-1", 1)])));
        Assert.Equal(ErrorKind.Validation, wrongPlace.Kind);
    }

    [SkippableTheory, Databases]
    public async Task Release_gives_units_back_once_and_consume_turns_them_into_a_sale(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("HCM01", "TUI-1", 4);
        var a = await app.SendAsync(new ReserveStock("web", "HCM01", "WEB-1", [new StockLine("TUI-1", 3)]));
        await app.SendAsync(new ReleaseReservation(a.ReservationId!, "customer cancelled"));
        await app.SendAsync(new ReleaseReservation(a.ReservationId!, "customer cancelled"));
        Assert.Equal(new StockLevel("TUI-1", "HCM01", 4, 0, 4), await app.LevelAsync("TUI-1", "HCM01"));

        var b = await app.SendAsync(new ReserveStock("web", "HCM01", "WEB-2", [new StockLine("TUI-1", 3)]));
        await app.SendAsync(new ConsumeReservation(b.ReservationId!));
        await app.SendAsync(new ConsumeReservation(b.ReservationId!));
        Assert.Equal(new StockLevel("TUI-1", "HCM01", 1, 0, 1), await app.LevelAsync("TUI-1", "HCM01"));
        var late = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ReleaseReservation(b.ReservationId!, "too late")));
        Assert.Equal("RESERVATION_CONSUMED", late.Errors[0].Code);
        Assert.Equal(-3, await app.ScalarAsync<long>("SELECT SUM(quantity) FROM inventory.movements WHERE kind = 'Sale' AND reference = 'WEB-2'"));

        await app.SendAsync(new ReceiveReturn("HCM01", "WEB-2", [new StockLine("TUI-1", 1)], Restock: true));
        await app.SendAsync(new ReceiveReturn("HCM01", "WEB-2", [new StockLine("TUI-1", 1)], Restock: false));
        Assert.Equal(2, (await app.LevelAsync("TUI-1", "HCM01")).OnHand);
        Assert.Empty(await app.VerifyLedgerAsync());
    }

    [SkippableTheory, Databases]
    public async Task Expired_holds_lapse_by_themselves(Db db)
    {
        var clock = new ManualClock(InventoryTestApp.T0);
        await using var app = await InventoryTestApp.StartAsync(db, clock, new Dictionary<string, string?>
        {
            ["Inventory:ReservationSweep:Enabled"] = "true",
            ["Inventory:ReservationSweep:Interval"] = "00:00:00.100",
        });
        await app.ReceiveAsync("WH01", "GIAY-1", 2);
        var hold = await app.SendAsync(new ReserveStock("web", "WH01", "CART-1", [new StockLine("GIAY-1", 2)], TimeSpan.FromMinutes(15)));
        var kept = await app.SendAsync(new ReserveStock("web", "WH01", "CART-2", [new StockLine("GIAY-1", 1)]));
        Assert.Equal(InventoryTestApp.T0.AddMinutes(15), hold.ExpiresAt);
        Assert.False(kept.Succeeded);

        clock.Advance(TimeSpan.FromMinutes(16)); // nobody calls anything: the sweeper notices
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await app.LevelAsync("GIAY-1", "WH01")).Reserved > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.Equal(new StockLevel("GIAY-1", "WH01", 2, 0, 2), await app.LevelAsync("GIAY-1", "WH01"));
        Assert.Equal("Expired", (await app.SendAsync(new GetReservation(hold.ReservationId!)))!.Status);
        var consumeLate = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ConsumeReservation(hold.ReservationId!)));
        Assert.Equal("RESERVATION_CLOSED", consumeLate.Errors[0].Code);
        Assert.Empty(await app.VerifyLedgerAsync());
    }

    [SkippableTheory, Databases]
    public async Task Stock_cannot_be_adjusted_below_what_is_reserved(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("DN01", "NON-1", 3);
        Assert.True((await app.SendAsync(new ReserveStock("store", "DN01", "POS-1", [new StockLine("NON-1", 2)]))).Succeeded);

        var refused = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new AdjustStock("DN01", "NON-1", -2, "damaged")));
        Assert.Equal("INSUFFICIENT_STOCK", refused.Errors[0].Code);
        await app.SendAsync(new AdjustStock("DN01", "NON-1", -1, "damaged"));
        Assert.Equal(new StockLevel("NON-1", "DN01", 2, 2, 0), await app.LevelAsync("NON-1", "DN01"));

        // The database holds the invariant even against SQL that skips the ledger.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.ExecuteAsync("UPDATE inventory.stock SET on_hand = 1 WHERE sku = 'NON-1'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.ExecuteAsync("UPDATE inventory.stock SET reserved = -1 WHERE sku = 'NON-1'"));
    }
}
