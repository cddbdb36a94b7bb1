namespace OmniErp.Pricing.Data;

// The Pricing module's rows as EF Core writes them; reads go through Dapper (see Quotes/PriceBookLoader.cs).

internal sealed class BasePrice
{
    public string Sku { get; set; } = "";
    public string Currency { get; set; } = "VND";
    public decimal Price { get; set; }
    public bool KeyItem { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

internal sealed class ChannelPrice
{
    public string Sku { get; set; } = "";
    public string Channel { get; set; } = "";
    public decimal Price { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

internal sealed class ChannelPolicyRow
{
    public string Channel { get; set; } = "";
    public decimal MaxUpPercent { get; set; }
    public decimal MaxDownPercent { get; set; }
}

internal sealed class ScheduledPriceRow
{
    public long Id { get; set; }
    public string Sku { get; set; } = "";
    public string? Channel { get; set; }
    public decimal Price { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

internal sealed class SegmentPriceRow
{
    public string Sku { get; set; } = "";
    public string Segment { get; set; } = "";
    public decimal Price { get; set; }
}

internal sealed class QuantityBreakRow
{
    public string Sku { get; set; } = "";
    public int MinQuantity { get; set; }
    public decimal UnitPrice { get; set; }
}

internal sealed class Promotion
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Target { get; set; } = "";
    public string? TargetCode { get; set; }
    public decimal Value { get; set; }
    public int BuyQuantity { get; set; }
    public int GetQuantity { get; set; }
    public decimal MinSubtotal { get; set; }
    public string Stacking { get; set; } = "";
    public int Priority { get; set; }
    public string Channels { get; set; } = "";
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    public bool RequiresCoupon { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class Coupon
{
    public string Code { get; set; } = "";
    public long PromotionId { get; set; }
    public int? UsageLimit { get; set; }
    public int UsedCount { get; set; }
}

internal sealed class PriceChange
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string? Sku { get; set; }
    public string? Channel { get; set; }
    public string? Subject { get; set; }
    public string? Currency { get; set; }
    public decimal? OldPrice { get; set; }
    public decimal? NewPrice { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public string Source { get; set; } = "";
}
