using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using OmniErp.Catalog.Contracts;
using OmniErp.Customers.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Money;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Data;
using OmniErp.Pricing.Engine;

namespace OmniErp.Pricing.Quotes;

/// <summary>
/// Gathers the engine's input: the catalog facts (one <see cref="GetSkus"/>), every price rule of the SKUs and the
/// live promotions (one multi-statement round trip), the customer's group and tier, and the coupons given.
/// Rules are read per request, never cached, so a price change is seen by the next quote.
/// </summary>
internal sealed class PriceBookLoader(DbSession session, IMediator mediator, IOptions<PricingOptions> options)
{
    public Currency Currency => Currency.Of(options.Value.Currency);

    public async Task<QuoteInput> LoadAsync(string channel, IReadOnlyCollection<string> skus, DateTimeOffset at, long? customerId,
        IReadOnlyList<string>? couponCodes, int redeemPoints, IReadOnlyList<QuoteLineRequest> lines, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(channel)) throw AppException.Invalid("Channel", "A quote needs a channel.");
        var distinct = skus.Distinct(StringComparer.Ordinal).ToArray();
        var problems = new List<QuoteProblem>();
        var trace = new List<string>();

        var facts = new Dictionary<string, SkuFacts>(StringComparer.Ordinal);
        if (distinct.Length > 0)
        {
            foreach (var info in await mediator.Send(new GetSkus(distinct), ct))
            {
                QuoteProblem? problem = info.Status != ProductStatus.Active
                    ? new QuoteProblem(info.Sku, "NOT_ACTIVE", $"{info.Sku} is {info.Status.ToString().ToLowerInvariant()} and cannot be sold.")
                    : !info.Channels.Contains(channel)
                        ? new QuoteProblem(info.Sku, "NOT_LISTED", $"{info.Sku} is not listed on channel {channel}.")
                        : null;
                facts[info.Sku] = new SkuFacts(info.Sku, info.CategoryPath ?? info.CategoryCode, info.VatRate, problem);
            }
        }

        var codes = (couponCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToArray();
        var rules = await ReadRulesAsync(channel, distinct, at, codes, ct);

        var unlocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var coupon = rules.Coupons.FirstOrDefault(c => c.Code == code);
            var promotion = coupon is null ? null : rules.CouponPromotions.FirstOrDefault(p => p.Id == coupon.PromotionId);
            if (coupon is null || promotion is null)
                problems.Add(new QuoteProblem("", "COUPON_UNKNOWN", $"Coupon {code} does not exist."));
            else if (coupon.UsageLimit is { } limit && coupon.UsedCount >= limit)
                problems.Add(new QuoteProblem("", "COUPON_USED_UP", $"Coupon {code} has been used {coupon.UsedCount} of {limit} times."));
            else if (!promotion.ToRule().IsLive(channel, at))
                problems.Add(new QuoteProblem("", "COUPON_NOT_VALID", $"Coupon {code} is not valid on {channel} at this time."));
            else
            {
                unlocked.Add(promotion.Code);
                trace.Add($"coupon {code} unlocks {promotion.Code}");
            }
        }

        var segments = new List<string>();
        decimal pointsValue = 0m;
        if (customerId is { } id)
        {
            var customer = await TrySendAsync(new GetCustomer(id), ct);
            if (customer.Found && customer.Value is { } c)
            {
                if (!string.IsNullOrWhiteSpace(c.Group)) segments.Add("group:" + c.Group.Trim().ToLowerInvariant());
                if (!string.IsNullOrWhiteSpace(c.Tier)) segments.Add("tier:" + c.Tier.Trim().ToLowerInvariant());
                trace.Add(segments.Count > 0 ? $"customer {id}: {string.Join(", ", segments)}" : $"customer {id}: no group or tier");
            }
            else trace.Add($"customer {id}: not known to the customers module; priced without group or tier");
            if (redeemPoints > 0)
            {
                var points = await TrySendAsync(new GetPointsValue(id, redeemPoints), ct);
                if (points.Found) pointsValue = points.Value;
                else problems.Add(new QuoteProblem("", "POINTS_UNAVAILABLE", "Loyalty points cannot be redeemed right now."));
            }
        }

        return new QuoteInput(channel, Currency, at, lines, facts, rules.Books, rules.Promotions, unlocked, segments, pointsValue, problems, trace);
    }

    /// <summary>Sends a request another module answers; "no handler" (module absent) is treated as no answer.</summary>
    private async Task<(bool Found, T? Value)> TrySendAsync<T>(IRequest<T> request, CancellationToken ct)
    {
        try { return (true, await mediator.Send(request, ct)); }
        catch (InvalidOperationException ex) when (ex.Message.Contains("handler", StringComparison.OrdinalIgnoreCase)) { return (false, default); }
        catch (AppException ex) when (ex.Kind == ErrorKind.NotFound) { return (false, default); }
    }

    internal sealed record Rules(Dictionary<string, SkuPriceBook> Books, List<PromotionRule> Promotions, List<CouponRow> Coupons, List<PromotionRow> CouponPromotions);

    internal sealed class CouponRow
    {
        public string Code { get; init; } = "";
        public long PromotionId { get; init; }
        public long? UsageLimit { get; init; }
        public long UsedCount { get; init; }
    }

    internal sealed class PromotionRow
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Target { get; init; } = "";
        public string? TargetCode { get; init; }
        public decimal Value { get; init; }
        public long BuyQuantity { get; init; }
        public long GetQuantity { get; init; }
        public decimal MinSubtotal { get; init; }
        public string Stacking { get; init; } = "";
        public long Priority { get; init; }
        public string Channels { get; init; } = "";
        public DateTimeOffset? ValidFrom { get; init; }
        public DateTimeOffset? ValidTo { get; init; }
        public bool RequiresCoupon { get; init; }
        public bool Active { get; init; }

        public PromotionRule ToRule() => new(Code, Name, Enum.Parse<PromotionKind>(Kind), Enum.Parse<PromotionTarget>(Target), TargetCode,
            Norm(Value), (int)BuyQuantity, (int)GetQuantity, Norm(MinSubtotal), Enum.Parse<Stacking>(Stacking), (int)Priority,
            Channels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ValidFrom, ValidTo, RequiresCoupon, Active);
    }

    public const string PromotionColumns =
        "id AS Id, code AS Code, name AS Name, kind AS Kind, target AS Target, target_code AS TargetCode, value AS Value, buy_quantity AS BuyQuantity, " +
        "get_quantity AS GetQuantity, min_subtotal AS MinSubtotal, stacking AS Stacking, priority AS Priority, channels AS Channels, " +
        "valid_from AS ValidFrom, valid_to AS ValidTo, requires_coupon AS RequiresCoupon, active AS Active";

    /// <summary>All the rules for these SKUs on this channel at this moment, in one round trip.</summary>
    public async Task<Rules> ReadRulesAsync(string channel, string[] skus, DateTimeOffset at, string[] couponCodes, CancellationToken ct)
    {
        var sql = RulesSql(session.Dialect, skus.Length > 0, couponCodes.Length > 0);
        var (bases, channelPrices, scheduled, segments, breaks, promotions, coupons, couponPromotions) = await session.QueryMultipleAsync(sql,
            new { skus = session.Dialect.ListValue(skus), channel, at, couponCodes = session.Dialect.ListValue(couponCodes) }, async grid => (
                (await grid.ReadAsync<(string Sku, decimal Price, bool KeyItem)>()).ToList(),
                (await grid.ReadAsync<(string Sku, decimal Price)>()).ToDictionary(r => r.Sku, r => Norm(r.Price)),
                (await grid.ReadAsync<ScheduledRow>()).ToLookup(r => r.Sku),
                (await grid.ReadAsync<(string Sku, string Segment, decimal Price)>()).ToLookup(r => r.Sku),
                (await grid.ReadAsync<(string Sku, long MinQuantity, decimal UnitPrice)>()).ToLookup(r => r.Sku),
                (await grid.ReadAsync<PromotionRow>()).Select(p => p.ToRule()).Where(p => p.IsLive(channel, at)).ToList(),
                couponCodes.Length == 0 ? [] : (await grid.ReadAsync<CouponRow>()).ToList(),
                couponCodes.Length == 0 ? [] : (await grid.ReadAsync<PromotionRow>()).ToList()), ct);

        var books = new Dictionary<string, SkuPriceBook>(StringComparer.Ordinal);
        foreach (var b in bases)
        {
            books[b.Sku] = new SkuPriceBook(b.Sku, Norm(b.Price),
                channelPrices.TryGetValue(b.Sku, out var cp) ? cp : null,
                scheduled[b.Sku].Select(s => new ScheduledPrice(s.Channel, Norm(s.Price), s.ValidFrom, s.ValidTo)).ToList(),
                segments[b.Sku].Select(s => new SegmentPrice(s.Segment, Norm(s.Price))).ToList(),
                breaks[b.Sku].Select(q => new QuantityBreak((int)q.MinQuantity, Norm(q.UnitPrice))).ToList(),
                b.KeyItem);
        }
        return new Rules(books, promotions, coupons, couponPromotions);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(bool Postgres, bool Skus, bool Coupons), string> RulesStatements = new();

    /// <summary>The rules batch for a dialect, with or without SKUs and coupons: four texts in all, each made once.</summary>
    internal static string RulesSql(SqlDialect dialect, bool hasSkus, bool hasCoupons) => RulesStatements.GetOrAdd((dialect.IsPostgres, hasSkus, hasCoupons), _ =>
    {
        var t = dialect.IsPostgres ? "true" : "1";
        var skuFilter = hasSkus ? "sku IN @skus" : "1 = 0";
        var sql = $"""
            SELECT sku AS Sku, price AS Price, key_item AS KeyItem FROM pricing.base_prices WHERE {skuFilter};
            SELECT sku AS Sku, price AS Price FROM pricing.channel_prices WHERE channel = @channel AND {skuFilter};
            SELECT sku AS Sku, channel AS Channel, price AS Price, valid_from AS ValidFrom, valid_to AS ValidTo FROM pricing.scheduled_prices
              WHERE {skuFilter} AND valid_from <= @at AND (valid_to IS NULL OR valid_to > @at) AND (channel IS NULL OR channel = @channel);
            SELECT sku AS Sku, segment AS Segment, price AS Price FROM pricing.segment_prices WHERE {skuFilter};
            SELECT sku AS Sku, min_quantity AS MinQuantity, unit_price AS UnitPrice FROM pricing.quantity_breaks WHERE {skuFilter};
            SELECT {PromotionColumns} FROM pricing.promotions
              WHERE active = {t} AND (valid_from IS NULL OR valid_from <= @at) AND (valid_to IS NULL OR valid_to > @at);
            """;
        // The coupons' two statements only when coupons were given (most orders have none).
        if (hasCoupons)
            sql += $"""

                SELECT code AS Code, promotion_id AS PromotionId, usage_limit AS UsageLimit, used_count AS UsedCount FROM pricing.coupons WHERE code IN @couponCodes;
                SELECT {PromotionColumns} FROM pricing.promotions WHERE id IN (SELECT promotion_id FROM pricing.coupons WHERE code IN @couponCodes);
                """;
        return dialect.Lists(sql);
    });

    internal sealed class ScheduledRow
    {
        public string Sku { get; init; } = "";
        public string? Channel { get; init; }
        public decimal Price { get; init; }
        public DateTimeOffset ValidFrom { get; init; }
        public DateTimeOffset? ValidTo { get; init; }
    }

    /// <summary>PostgreSQL numeric(18,4) reads as 199000.0000, SQLite as 199000: the same value, the same digits.</summary>
    public static decimal Norm(decimal d) => d / 1.0000000000000000000000000000m;
}
