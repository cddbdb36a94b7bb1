using OmniErp.Kernel.Money;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Pricing.Engine;

internal enum PromotionKind { PercentOff, AmountOff, BuyXGetY }

internal enum PromotionTarget { Sku, Category, Order }

/// <summary>How a promotion combines with others at its level (a line, or the order).</summary>
internal enum Stacking
{
    /// <summary>Combines with other stackable promotions; they apply in priority order, each on what the previous left.</summary>
    Stackable,

    /// <summary>Never combines: it applies alone, and only when it beats every other option for the customer.</summary>
    Exclusive,
}

/// <summary>A promotion as the engine sees it. <see cref="Channels"/> empty means every channel.</summary>
internal sealed record PromotionRule(
    string Code, string Name, PromotionKind Kind, PromotionTarget Target, string? TargetCode, decimal Value,
    int BuyQuantity = 0, int GetQuantity = 0, decimal MinSubtotal = 0m, Stacking Stacking = Stacking.Stackable, int Priority = 100,
    IReadOnlyList<string>? Channels = null, DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidTo = null, bool RequiresCoupon = false,
    bool Active = true)
{
    public bool IsLive(string channel, DateTimeOffset at) =>
        Active && (ValidFrom is null || at >= ValidFrom) && (ValidTo is null || at < ValidTo) &&
        (Channels is null || Channels.Count == 0 || Channels.Contains(channel));
}

internal sealed record ScheduledPrice(string? Channel, decimal Price, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo)
{
    public bool IsLive(DateTimeOffset at) => at >= ValidFrom && (ValidTo is null || at < ValidTo);
}

/// <summary>A price for customers of a group (<c>group:wholesale</c>) or loyalty tier (<c>tier:gold</c>).</summary>
internal sealed record SegmentPrice(string Segment, decimal Price);

internal sealed record QuantityBreak(int MinQuantity, decimal UnitPrice);

/// <summary>Everything priced about one SKU: base price, this channel's override, schedules, segment prices, breaks.</summary>
internal sealed record SkuPriceBook(
    string Sku, decimal BasePrice, decimal? ChannelPrice = null, IReadOnlyList<ScheduledPrice>? Scheduled = null,
    IReadOnlyList<SegmentPrice>? Segments = null, IReadOnlyList<QuantityBreak>? Breaks = null, bool KeyItem = false);

/// <summary>What the catalog says about a SKU that pricing needs; <see cref="Problem"/> set when it cannot be sold here.</summary>
internal sealed record SkuFacts(string Sku, string CategoryPath, int VatRate, QuoteProblem? Problem = null)
{
    /// <summary>True when <paramref name="code"/> (one category code, or a path from the root) is on this SKU's category path.</summary>
    public bool InCategory(string code)
    {
        var path = CategoryPath.AsSpan();
        if (code.Length == 0 || code.Length > path.Length) return false;
        // A match must start at the path's start or after a '/', and end at the path's end or before a '/'.
        for (var at = path.IndexOf(code, StringComparison.Ordinal); at >= 0;)
        {
            var end = at + code.Length;
            if ((at == 0 || path[at - 1] == '/') && (end == path.Length || path[end] == '/')) return true;
            var next = path[(at + 1)..].IndexOf(code, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }
}

/// <summary>The engine's whole input: the engine reads nothing else, so the same input gives the same quote anywhere.</summary>
internal sealed record QuoteInput(
    string Channel,
    Currency Currency,
    DateTimeOffset At,
    IReadOnlyList<QuoteLineRequest> Lines,
    IReadOnlyDictionary<string, SkuFacts> Facts,
    IReadOnlyDictionary<string, SkuPriceBook> Prices,
    IReadOnlyList<PromotionRule> Promotions,
    IReadOnlySet<string>? UnlockedPromotions = null,
    IReadOnlyList<string>? Segments = null,
    decimal PointsValue = 0m,
    IReadOnlyList<QuoteProblem>? Problems = null,
    IReadOnlyList<string>? Trace = null);

/// <summary>A channel's price-override policy: how far (in percent of the base price) its price may go up or down.</summary>
internal sealed record ChannelPolicy(string Channel, decimal MaxUpPercent, decimal MaxDownPercent)
{
    public static ChannelPolicy Parity(string channel) => new(channel, 0m, 0m);
}
