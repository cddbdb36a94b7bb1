using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Pricing.Contracts;

// The one pricing engine every channel asks. Amounts are in the quote's currency (ISO 4217), VAT-inclusive.

public sealed record QuoteLineRequest(string Sku, int Quantity);

/// <summary>
/// Prices lines for a channel, a customer (optional) and a moment (default: now). The POS page, GraphQL, the
/// marketplace feed, carts and order placement all send this, so the same inputs give the same money everywhere.
/// </summary>
public sealed record GetQuote(
    string Channel,
    IReadOnlyList<QuoteLineRequest> Lines,
    long? CustomerId = null,
    DateTimeOffset? At = null,
    IReadOnlyList<string>? CouponCodes = null,
    int RedeemPoints = 0) : IQuery<Quote>;

public sealed record AppliedDiscount(string RuleCode, string Description, decimal Amount);

public sealed record QuotedLine(
    string Sku,
    int Quantity,
    decimal ListUnitPrice,
    decimal UnitPrice,
    IReadOnlyList<AppliedDiscount> Discounts,
    decimal DiscountTotal,
    decimal LineTotal,
    int VatRate,
    decimal VatAmount,
    IReadOnlyList<string> Trace);

public sealed record VatByRate(int Rate, decimal Gross, decimal Vat);

/// <summary>A line that could not be priced (unknown SKU, not listed on the channel, …).</summary>
public sealed record QuoteProblem(string Sku, string Code, string Message);

public sealed record Quote(
    string Channel,
    string Currency,
    DateTimeOffset At,
    IReadOnlyList<QuotedLine> Lines,
    IReadOnlyList<AppliedDiscount> OrderDiscounts,
    decimal Subtotal,
    decimal DiscountTotal,
    decimal VatTotal,
    decimal Total,
    IReadOnlyList<VatByRate> Vat,
    IReadOnlyList<QuoteProblem> Problems,
    IReadOnlyList<string> Trace)
{
    public bool IsComplete => Problems.Count == 0;
}

/// <summary>Shelf prices of many SKUs for a channel (lists, feeds, GraphQL DataLoaders).</summary>
public sealed record GetPrices(string Channel, IReadOnlyCollection<string> Skus, long? CustomerId = null, DateTimeOffset? At = null)
    : IQuery<IReadOnlyList<SkuPrice>>;

public sealed record SkuPrice(string Sku, string Currency, decimal Price, decimal? CompareAtPrice, int VatRate);

/// <summary>Counts coupon uses for a placed order; refused (nothing counted) when a code is exhausted.</summary>
public sealed record RedeemCoupons(string OrderReference, IReadOnlyList<string> CouponCodes) : ICommand<bool>;

/// <summary>A SKU's effective price changed on a channel (null channel: the base price).</summary>
public sealed record PriceChanged(string Sku, string? Channel, string Currency, decimal? OldPrice, decimal NewPrice, DateTimeOffset EffectiveAt) : IIntegrationEvent;
