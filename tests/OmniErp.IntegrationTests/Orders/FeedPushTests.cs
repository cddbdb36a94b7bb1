using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Outbox;
using OmniErp.Orders.Contracts;
using OmniErp.Orders.Marketplace;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Prices;

namespace OmniErp.IntegrationTests.Orders;

/// <summary>The marketplace's side of the push: it receives what the push adapter sends.</summary>
internal sealed class SimulatedMarketplaceReceiver : IMarketplacePushAdapter
{
    public ConcurrentQueue<MarketplaceFeedChanged> Received { get; } = new();

    public Task PushAsync(MarketplaceFeedChanged changes, CancellationToken ct)
    {
        Received.Enqueue(changes);
        return Task.CompletedTask;
    }

    /// <summary>The latest pushed row of a SKU, if any.</summary>
    public FeedRowChange? Latest(string sku) => Received.SelectMany(r => r.Changes).LastOrDefault(c => c.Sku == sku);
}

public sealed class FeedPushTests
{
    private static async Task DrainAsync(TestApp app, Func<bool> done)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done() && DateTime.UtcNow < deadline)
            if (await dispatcher.DispatchBatchAsync(200) == 0) await Task.Delay(50);
    }

    [SkippableTheory, Databases]
    public async Task A_price_or_stock_change_reaches_the_marketplace_as_a_push_of_the_changed_row_only(Db db)
    {
        var receiver = new SimulatedMarketplaceReceiver();
        await using var app = await OrdersTestApp.StartAsync(db, s => s.AddSingleton<IMarketplacePushAdapter>(receiver));
        var skus = await app.SkusAsync(2);
        var (sku, other) = (skus[0], skus[1]);
        await app.SetAvailableAsync(sku, "WH01", 40);

        var baseline = await app.SendAsync(new SyncMarketplaceFeed("shopee"));
        await DrainAsync(app, () => receiver.Latest(sku) is not null && receiver.Latest(other) is not null);
        Assert.True(baseline > 0);
        Assert.Equal(0, await app.SendAsync(new SyncMarketplaceFeed("shopee"))); // nothing changed: nothing to push
        while (receiver.Received.TryDequeue(out _)) { }
        var etagBefore = await EtagAsync(app);

        await app.SetAvailableAsync(sku, "WH01", 25);
        var expectedAvailable = (await app.SendAsync(new GetChannelAvailability("shopee", [sku]))).Single().Available;
        await DrainAsync(app, () => receiver.Latest(sku)?.Available == expectedAvailable);
        var stockPush = receiver.Latest(sku);

        var shelf = (await app.SendAsync(new GetPrices("shopee", [sku]))).Single();
        var oldPrice = shelf.Price;
        var newPrice = oldPrice;
        // The channel's price rules bound how far a channel price may stray from the base: try a few nearby prices.
        foreach (var factor in new[] { 1.02m, 1.01m, 0.99m, 1.04m, 0.98m })
        {
            try { await app.SendAsync(new SetPrice(sku, "shopee", Math.Round((shelf.CompareAtPrice ?? oldPrice) * factor / 1000m) * 1000m, "test@omnierp.vn", "test")); }
            catch (OmniErp.Kernel.Errors.AppException) { continue; }
            newPrice = (await app.SendAsync(new GetPrices("shopee", [sku]))).Single().Price;
            if (newPrice != oldPrice) break;
        }
        await DrainAsync(app, () => receiver.Latest(sku)?.Price == newPrice);
        var pricePush = receiver.Latest(sku);

        Assert.NotNull(stockPush);
        Assert.Equal(expectedAvailable, stockPush.Available);
        Assert.NotNull(pricePush);
        Assert.Equal(newPrice, pricePush.Price);
        Assert.NotEqual(oldPrice, newPrice);
        Assert.All(receiver.Received, r => Assert.Equal("shopee", r.Channel));
        Assert.DoesNotContain(receiver.Received.SelectMany(r => r.Changes), c => c.Sku == other); // untouched rows are not pushed
        Assert.NotEqual(etagBefore, await EtagAsync(app));
    }

    [SkippableTheory, Databases]
    public async Task A_scheduled_price_that_takes_effect_silently_reaches_the_marketplace_with_the_full_feed_pass_from_the_cli(Db db)
    {
        var receiver = new SimulatedMarketplaceReceiver();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = await OrdersTestApp.StartAsync(db, s =>
        {
            s.AddSingleton<IMarketplacePushAdapter>(receiver);
            s.AddSingleton<TimeProvider>(clock);
        });
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 30);
        Assert.Equal(0, await FeedSyncAsync(app, "shopee", out _)); // the baseline pass
        await DrainAsync(app, () => receiver.Latest(sku) is not null);
        var before = (await app.SendAsync(new GetPrices("shopee", [sku]))).Single().Price;

        // A sale price for every channel from tomorrow: nothing happens at the moment it starts, so no event announces it.
        var scheduled = false;
        foreach (var factor in new[] { 0.9m, 0.95m, 0.97m, 0.99m })
        {
            try
            {
                await app.SendAsync(new SchedulePrice(sku, null, Math.Round(before * factor / 1000m) * 1000m, clock.GetUtcNow().AddDays(1), null, "sale", "test@omnierp.vn", "test"));
                scheduled = true;
                break;
            }
            catch (OmniErp.Kernel.Errors.AppException) { }
        }
        Assert.True(scheduled, "no sale price within the channel's rules could be scheduled");
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var after = (await app.SendAsync(new GetPrices("shopee", [sku]))).Single().Price;
        Assert.NotEqual(before, after);
        while (receiver.Received.TryDequeue(out _)) { }

        var exit = await FeedSyncAsync(app, "shopee", out var output);
        await DrainAsync(app, () => receiver.Latest(sku)?.Price == after);

        Assert.Equal(0, exit);
        Assert.Matches(@"^shopee: [1-9]\d* feed rows changed", output.ToString());
        Assert.Equal(after, receiver.Latest(sku)?.Price);
        Assert.Equal(0, await FeedSyncAsync(app, null, out var again));
        Assert.Contains("shopee: 0 feed rows changed", again.ToString()); // a second pass right after finds nothing
        Assert.Equal(1, await FeedSyncAsync(app, "no-such-channel", out var unknown));
        Assert.Contains("No marketplace channel 'no-such-channel'", unknown.ToString());
    }

    private static Task<int> FeedSyncAsync(TestApp app, string? channel, out StringWriter output)
    {
        var writer = output = new StringWriter();
        return app.InScopeAsync(sp => sp.GetServices<OmniErp.Kernel.Modules.ICliVerb>().Single(v => v.Name == "feed-sync")
            .RunAsync(channel is null ? [] : [channel], writer, default));
    }

    private static async Task<string> EtagAsync(TestApp app)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/marketplace/shopee/feed");
        request.Headers.Add("X-Channel-Key", "demo-shopee-key");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }
}
