using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.IntegrationTests.Infrastructure;

namespace OmniErp.IntegrationTests.Inventory;

public sealed class InventorySeedTests
{
    [SkippableTheory, Databases]
    public async Task The_demo_seed_stocks_every_sku_at_every_location_with_a_ledger_that_balances(Db db)
    {
        // The whole demo (Catalog's SKUs, then stock, then orders whose past sales go through the ledger).
        await using var app = await TestApp.StartAsync(db, demo: true);
        var skus = await app.SendAsync(new ListSkus(0, 10_000));

        Assert.Equal(["DN01", "HCM01", "HN01", "WH01"], (await app.SendAsync(new GetLocations())).Select(l => l.Code));
        Assert.Equal(skus.Count * 4, await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.stock"));
        Assert.Equal(skus.Count, await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.sku_costs WHERE average_cost > 0"));
        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.movements WHERE kind = 'Adjustment'") > 0);
        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.movements WHERE kind = 'Sale'") > 0);
        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.stock WHERE on_hand - reserved <= reorder_point") > 0);
        Assert.Empty(await app.VerifyLedgerAsync());

        // No past sale took a unit the location did not have at that moment: every running balance stays at or above zero.
        Assert.Equal(0, await app.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM (
                SELECT SUM(quantity) OVER (PARTITION BY sku, location ORDER BY occurred_at, id ROWS UNBOUNDED PRECEDING) AS running
                FROM inventory.movements) r
            WHERE r.running < 0
            """));
        var web = skus.Where(s => s.Channels.Contains("web")).Select(s => s.Sku).ToList();
        Assert.Contains(await app.SendAsync(new GetChannelAvailability("web", web)), a => a.Available > 0);
    }
}
