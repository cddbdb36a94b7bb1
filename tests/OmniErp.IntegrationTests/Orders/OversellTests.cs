using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Orders.Contracts;

namespace OmniErp.IntegrationTests.Orders;

public sealed class OversellTests
{
    [SkippableTheory, Databases]
    public async Task POS_and_web_pickup_clients_racing_for_one_stores_stock_never_oversell_and_lose_no_order(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 12);
        var before = await app.LevelAsync(sku, "HN01");

        var attempts = Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            var request = i % 2 == 0 ? OrdersTestApp.Pos($"race-{i}", "HN01", null, (sku, 1)) : OrdersTestApp.Pickup($"race-{i}", "HN01", (sku, 1));
            try
            {
                var placed = await app.SendAsync(request);
                // a retried request must not make a second order
                var again = await app.SendAsync(request);
                return again.OrderId == placed.OrderId ? 1 : 99;
            }
            catch (OrderRefusedException)
            {
                return 0;
            }
        })).ToList();
        var won = (await Task.WhenAll(attempts)).Sum();

        Assert.Equal(12, won);
        var after = await app.LevelAsync(sku, "HN01");
        Assert.Equal(0, after.Available);
        Assert.Equal(12, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE idempotency_key_dummy IS NULL".Replace(" WHERE idempotency_key_dummy IS NULL", " WHERE placed_by IN ('test', 'clerk') AND location = 'HN01'")));
        Assert.Equal(before.OnHand - after.OnHand, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE placed_by = 'clerk' AND location = 'HN01'"));
    }
}
