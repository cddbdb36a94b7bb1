using MediatR;
using Microsoft.Extensions.Logging;
using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;
using OmniErp.Orders.Contracts;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Orders.Marketplace;

/// <summary>
/// Compares a marketplace channel's feed rows (all, or these SKUs) with the rows last pushed (<c>orders.feed_rows</c>)
/// and queues a <see cref="MarketplaceFeedChanged"/> for what changed — price, availability, or a SKU entering or
/// leaving the feed — in the same transaction that records the new rows. Returns the number of changed rows.
/// </summary>
internal sealed record SyncMarketplaceFeed(string Channel, IReadOnlyCollection<string>? Skus = null) : ICommand<int>;

internal sealed class SyncMarketplaceFeedHandler(DbSession session, IMediator mediator, IOutbox outbox, TimeProvider clock) : IRequestHandler<SyncMarketplaceFeed, int>
{
    private const int Page = 1000;
    private const int ChangesPerEvent = 500;

    public async Task<int> Handle(SyncMarketplaceFeed request, CancellationToken ct)
    {
        var current = new Dictionary<string, FeedItem>(StringComparer.Ordinal);
        if (request.Skus is { } only)
        {
            var skus = only.Distinct(StringComparer.Ordinal).ToList();
            foreach (var item in await FeedItems.PriceAsync(mediator, request.Channel, await mediator.Send(new GetSkus(skus), ct), ct)) current[item.Sku] = item;
        }
        else
        {
            for (var offset = 0; ; offset += Page)
            {
                var page = await mediator.Send(new ListSkus(offset, Page, ProductStatus.Active), ct);
                foreach (var item in await FeedItems.PriceAsync(mediator, request.Channel, page, ct)) current[item.Sku] = item;
                if (page.Count < Page) break;
            }
        }

        var filter = request.Skus is null ? "" : " AND sku IN @skus";
        var stored = (await session.QueryAsync<StoredRow>(
                session.Dialect.Lists($"SELECT sku AS Sku, currency AS Currency, price AS Price, available AS Available FROM orders.feed_rows WHERE channel = @Channel{filter}"),
                new { request.Channel, skus = session.Dialect.ListValue(request.Skus ?? []) }, ct))
            .ToDictionary(r => r.Sku, StringComparer.Ordinal);

        var changes = new List<FeedRowChange>();
        foreach (var item in current.Values)
            if (!stored.TryGetValue(item.Sku, out var was) || was.Price != item.Price || was.Available != item.Available || was.Currency != item.Currency)
                changes.Add(new FeedRowChange(item.Sku, item.Currency, item.Price, item.Available));
        foreach (var gone in stored.Values.Where(r => !current.ContainsKey(r.Sku)))
            changes.Add(new FeedRowChange(gone.Sku, gone.Currency, gone.Price, 0, Removed: true));
        if (changes.Count == 0) return 0;

        var now = clock.GetUtcNow();
        var upserts = changes.Where(c => !c.Removed).Select(c => new { request.Channel, c.Sku, c.Currency, c.Price, c.Available, now }).ToList();
        if (upserts.Count > 0)
            await session.ExecuteAsync(
                """
                INSERT INTO orders.feed_rows (channel, sku, currency, price, available, changed_at) VALUES (@Channel, @Sku, @Currency, @Price, @Available, @now)
                ON CONFLICT (channel, sku) DO UPDATE SET currency = excluded.currency, price = excluded.price, available = excluded.available, changed_at = excluded.changed_at
                """, upserts, ct);
        var removed = changes.Where(c => c.Removed).Select(c => c.Sku).ToList();
        if (removed.Count > 0)
            await session.ExecuteAsync(session.Dialect.Lists("DELETE FROM orders.feed_rows WHERE channel = @Channel AND sku IN @removed"),
                new { request.Channel, removed = session.Dialect.ListValue(removed) }, ct);

        foreach (var chunk in changes.OrderBy(c => c.Sku, StringComparer.Ordinal).Chunk(ChangesPerEvent))
            outbox.Add(new MarketplaceFeedChanged(request.Channel, chunk, now));
        return changes.Count;
    }

    private sealed class StoredRow
    {
        public string Sku { get; init; } = "";
        public string Currency { get; init; } = "";
        public decimal Price { get; init; }
        public int Available { get; init; }
    }
}

/// <summary>Stock moved somewhere: the SKU's availability on each marketplace channel may have changed.</summary>
internal sealed class FeedOnStockChanged(IChannelDirectory channels, IMediator mediator) : INotificationHandler<StockChanged>
{
    public async Task Handle(StockChanged notification, CancellationToken cancellationToken)
    {
        foreach (var channel in (await channels.ListAsync(cancellationToken)).Where(c => c.Type == ChannelType.Marketplace))
            await mediator.Send(new SyncMarketplaceFeed(channel.Code, [notification.Sku]), cancellationToken);
    }
}

/// <summary>A price changed (on one channel, or the base price for all): the SKU's feed price may have changed.</summary>
internal sealed class FeedOnPriceChanged(IChannelDirectory channels, IMediator mediator) : INotificationHandler<PriceChanged>
{
    public async Task Handle(PriceChanged notification, CancellationToken cancellationToken)
    {
        foreach (var channel in (await channels.ListAsync(cancellationToken)).Where(c => c.Type == ChannelType.Marketplace))
            if (notification.Channel is null || string.Equals(notification.Channel, channel.Code, StringComparison.OrdinalIgnoreCase))
                await mediator.Send(new SyncMarketplaceFeed(channel.Code, [notification.Sku]), cancellationToken);
    }
}

/// <summary>Sends feed changes to the marketplace (its product API). The default adapter logs; a real one is an HTTP client.</summary>
internal interface IMarketplacePushAdapter
{
    Task PushAsync(MarketplaceFeedChanged changes, CancellationToken ct);
}

internal sealed class LogMarketplacePushAdapter(ILogger<LogMarketplacePushAdapter> log) : IMarketplacePushAdapter
{
    public Task PushAsync(MarketplaceFeedChanged changes, CancellationToken ct)
    {
        log.LogInformation("Feed push to {Channel}: {Count} rows changed ({First}…)", changes.Channel, changes.Changes.Count,
            string.Join(", ", changes.Changes.Take(3).Select(c => c.Removed ? $"{c.Sku} removed" : $"{c.Sku} {c.Price:0.##} {c.Currency} × {c.Available}")));
        return Task.CompletedTask;
    }
}

/// <summary>Outbox consumer: each MarketplaceFeedChanged goes to the push adapter (at least once; the inbox makes it once per handler).</summary>
internal sealed class PushFeedChanges(IMarketplacePushAdapter adapter) : INotificationHandler<MarketplaceFeedChanged>
{
    public Task Handle(MarketplaceFeedChanged notification, CancellationToken cancellationToken) => adapter.PushAsync(notification, cancellationToken);
}
