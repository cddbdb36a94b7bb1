using System.Security.Cryptography;
using System.Text.Json;
using MediatR;
using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Messaging;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Orders.Marketplace;

/// <summary>What a marketplace channel lists: every active SKU published on it, priced by the pricing engine for that channel, with the channel's availability (buffer and quota applied).</summary>
internal sealed record GetMarketplaceFeed(string Channel) : IQuery<MarketplaceFeed>;

internal sealed record FeedItem(string Sku, string Name, string? Barcode, string Currency, decimal Price, decimal? CompareAtPrice, int VatRate, int Available);

/// <summary>The feed as served: its JSON bytes and their ETag (a hash of the bytes, so unchanged content keeps its tag).</summary>
internal sealed record MarketplaceFeed(byte[] Json, string ETag, int Count);

internal sealed class GetMarketplaceFeedHandler(IMediator mediator) : IRequestHandler<GetMarketplaceFeed, MarketplaceFeed>
{
    private const int Page = 1000;

    public async Task<MarketplaceFeed> Handle(GetMarketplaceFeed request, CancellationToken ct)
    {
        var items = new List<FeedItem>();
        for (var offset = 0; ; offset += Page)
        {
            var skus = await mediator.Send(new ListSkus(offset, Page, ProductStatus.Active), ct);
            items.AddRange(await FeedItems.PriceAsync(mediator, request.Channel, skus, ct));
            if (skus.Count < Page) break;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(new { channel = request.Channel, items }, Placing.OrderJson.Options);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(json))[..32] + "\"";
        return new MarketplaceFeed(json, etag, items.Count);
    }
}

internal static class FeedItems
{
    /// <summary>The feed rows of these SKUs: active, listed on the channel and priced there; the rest are not in the feed.</summary>
    public static async Task<List<FeedItem>> PriceAsync(IMediator mediator, string channel, IReadOnlyList<SkuInfo> skus, CancellationToken ct)
    {
        var items = new List<FeedItem>();
        var listed = skus.Where(s => s.Status == ProductStatus.Active && s.Channels.Contains(channel, StringComparer.OrdinalIgnoreCase)).ToList();
        if (listed.Count == 0) return items;
        var codes = listed.Select(s => s.Sku).ToList();
        var prices = (await mediator.Send(new GetPrices(channel, codes), ct)).ToDictionary(p => p.Sku);
        var available = (await mediator.Send(new GetChannelAvailability(channel, codes), ct)).ToDictionary(a => a.Sku, a => a.Available);
        foreach (var s in listed)
        {
            if (!prices.TryGetValue(s.Sku, out var price)) continue;
            items.Add(new FeedItem(s.Sku, s.Name, s.Barcode, price.Currency, price.Price, price.CompareAtPrice, price.VatRate, available.GetValueOrDefault(s.Sku)));
        }
        return items;
    }
}
