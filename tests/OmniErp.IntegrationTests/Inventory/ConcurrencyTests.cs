using System.Collections.Concurrent;
using OmniErp.Inventory.Contracts;
using OmniErp.IntegrationTests.Infrastructure;

namespace OmniErp.IntegrationTests.Inventory;

public sealed class ConcurrencyTests
{
    private static readonly string[] Channels = ["store", "web", "shopee"];

    /// <summary>
    /// Three channels × 20 clients, each with its own scope (connection), all start together and buy one unit of the
    /// last 10; repeated for several rounds. Exactly 10 sell, everyone else hears OUT_OF_STOCK, reserved never exceeds
    /// on hand while it runs, and the ledger balances.
    /// </summary>
    [SkippableTheory, Databases]
    public async Task Sixty_clients_on_three_channels_never_oversell_the_last_ten_units(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        // All three channels draw on one store, without buffer, so all compete for the same row.
        await app.ExecuteAsync("INSERT INTO inventory.channel_locations (channel, location, priority) VALUES ('shopee', 'HN01', 1)");
        await app.ExecuteAsync("UPDATE inventory.channel_settings SET safety_buffer = 0, quota = NULL WHERE channel = 'shopee'");

        const int rounds = 10, clientsPerChannel = 20, units = 10;
        for (var round = 0; round < rounds; round++)
        {
            var sku = $"HOT-{round}";
            await app.ReceiveAsync("HN01", sku, units);
            var violations = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var monitor = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var level = await app.LevelAsync(sku, "HN01");
                    if (level.Reserved > level.OnHand || level.OnHand < 0) violations.Add(level.ToString());
                    await Task.Delay(5);
                }
            });

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clients = Channels.SelectMany(channel => Enumerable.Range(0, clientsPerChannel).Select(i => Task.Run(async () =>
            {
                await start.Task;
                var result = await app.SendAsync(new ReserveStock(channel, "HN01", $"{channel}-{round}-{i}", [new StockLine(sku, 1)]));
                if (result.Succeeded) await app.SendAsync(new ConsumeReservation(result.ReservationId!));
                return result;
            }))).ToList();
            await Task.Delay(50);
            start.SetResult(); // every client is waiting: release them at once
            var results = await Task.WhenAll(clients);
            await stop.CancelAsync();
            await monitor;

            Assert.Empty(violations);
            Assert.Equal(units, results.Count(r => r.Succeeded));
            Assert.All(results.Where(r => !r.Succeeded), r =>
                Assert.Equal(new StockShortage(sku, 1, 0, ShortageReasons.OutOfStock), Assert.Single(r.Shortages)));
            Assert.Equal(new StockLevel(sku, "HN01", 0, 0, 0), await app.LevelAsync(sku, "HN01"));
            Assert.Equal(-units, await app.ScalarAsync<long>("SELECT SUM(quantity) FROM inventory.movements WHERE sku = @sku AND kind = 'Sale'", new { sku }));
        }
        Assert.Empty(await app.VerifyLedgerAsync());
    }
}
