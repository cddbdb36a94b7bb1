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

    private static async Task<string> EtagAsync(TestApp app)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/marketplace/shopee/feed");
        request.Headers.Add("X-Channel-Key", "demo-shopee-key");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }
}
