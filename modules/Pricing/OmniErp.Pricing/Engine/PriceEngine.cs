using System.Globalization;
using OmniErp.Kernel.Money;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Pricing.Engine;

/// <summary>
/// The one pricing function. Pure: it reads only its input, so the POS, GraphQL, the marketplace feed and order
/// placement get the same money for the same input. The order of resolution, stated once:
/// <list type="number">
/// <item>List price: the base price; replaced by the channel's override; replaced by a scheduled price live at the
///   moment (a channel-specific schedule beats an all-channel one; among several, the latest start wins).</item>
/// <item>Unit price: the lowest of the list price, the customer's group/tier prices and the quantity break reached.</item>
/// <item>Line promotions (SKU or category): options are each exclusive promotion alone, and all stackable ones
///   together in priority order (each on what the previous left); the customer gets the option worth most
///   (best-for-customer; ties go to the lower priority number, then the code).</item>
/// <item>Order promotions on the subtotal after line discounts, chosen the same way, then loyalty points; each order
///   discount is shared over the lines in proportion to their amounts, so line totals add up to the total.</item>
/// <item>VAT: prices include VAT; each line's VAT part is rounded to the minor unit; VAT by rate and the VAT total
///   are sums of line VAT, so they add up exactly.</item>
/// </list>
/// Discounts are rounded with the currency's price rounding (<see cref="Currency.RoundPrice"/>, the one place) and
/// capped at what is left, so no amount is ever negative.
/// </summary>
internal static class PriceEngine
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Quote Quote(QuoteInput input)
    {
        var currency = input.Currency;
        var problems = new List<QuoteProblem>(input.Problems ?? []);
        var trace = new List<string>(input.Trace ?? []);
        var drafts = new List<LineDraft>(input.Lines.Count);

        foreach (var request in input.Lines)
        {
            if (request.Quantity <= 0)
            {
                problems.Add(new QuoteProblem(request.Sku, "INVALID_QUANTITY", $"The quantity of {request.Sku} must be at least 1."));
                continue;
            }
            if (!input.Facts.TryGetValue(request.Sku, out var facts))
            {
                problems.Add(new QuoteProblem(request.Sku, "UNKNOWN_SKU", $"SKU {request.Sku} is not in the catalog."));
                continue;
            }
            if (facts.Problem is not null) { problems.Add(facts.Problem); continue; }
            if (!input.Prices.TryGetValue(request.Sku, out var book))
            {
                problems.Add(new QuoteProblem(request.Sku, "NO_PRICE", $"SKU {request.Sku} has no price."));
                continue;
            }
            var draft = PriceLine(input, request, facts, book);
            ApplyLinePromotions(input, draft);
            drafts.Add(draft);
        }

        var orderDiscounts = ApplyOrderDiscounts(input, drafts, trace);

        var lines = new List<QuotedLine>(drafts.Count);
        var vat = new SortedDictionary<int, (decimal Gross, decimal Vat)>();
        decimal subtotal = 0m, discountTotal = 0m, vatTotal = 0m, total = 0m;
        foreach (var d in drafts)
        {
            var lineTotal = d.Gross - d.DiscountTotal;
            var lineVat = new Money(lineTotal, currency).VatPart(d.Facts.VatRate).Amount;
            lines.Add(new QuotedLine(d.Request.Sku, d.Request.Quantity, d.ListPrice, d.UnitPrice, d.Discounts, d.DiscountTotal, lineTotal,
                d.Facts.VatRate, lineVat, d.Trace));
            var (g, v) = vat.GetValueOrDefault(d.Facts.VatRate);
            vat[d.Facts.VatRate] = (g + lineTotal, v + lineVat);
            subtotal += d.Gross;
            discountTotal += d.DiscountTotal;
            vatTotal += lineVat;
            total += lineTotal;
        }

        return new Quote(input.Channel, currency.Code, input.At, lines, orderDiscounts, subtotal, discountTotal, vatTotal, total,
            vat.Select(p => new VatByRate(p.Key, p.Value.Gross, p.Value.Vat)).ToList(), problems, trace);
    }

    /// <summary>The shelf price of one unit for a channel (and customer): a one-unit quote without order promotions.</summary>
    public static (decimal Price, decimal? CompareAt, decimal Regular) Shelf(QuoteInput input, string sku)
    {
        var facts = input.Facts[sku];
        var book = input.Prices[sku];
        var draft = PriceLine(input, new QuoteLineRequest(sku, 1), facts, book);
        ApplyLinePromotions(input, draft);
        var price = draft.Gross - draft.DiscountTotal;
        var regular = book.ChannelPrice ?? book.BasePrice;
        return (price, regular > price ? regular : null, regular);
    }

    private sealed class LineDraft(QuoteLineRequest request, SkuFacts facts)
    {
        public QuoteLineRequest Request { get; } = request;
        public SkuFacts Facts { get; } = facts;
        public decimal ListPrice { get; set; }
        public decimal UnitPrice { get; set; }
        public decimal Gross => UnitPrice * Request.Quantity;
        public decimal DiscountTotal { get; set; }
        public List<AppliedDiscount> Discounts { get; } = [];
        public List<string> Trace { get; } = [];
    }

    private static LineDraft PriceLine(QuoteInput input, QuoteLineRequest request, SkuFacts facts, SkuPriceBook book)
    {
        var d = new LineDraft(request, facts);
        var c = input.Currency;
        var list = book.BasePrice;
        d.Trace.Add($"base price {F(list, c)}");
        if (book.ChannelPrice is { } channelPrice)
        {
            list = channelPrice;
            d.Trace.Add($"{input.Channel} override {F(channelPrice, c)} replaces the base price");
        }
        ScheduledPrice? scheduled = null;
        foreach (var s in book.Scheduled ?? [])
        {
            if (!s.IsLive(input.At) || (s.Channel is not null && s.Channel != input.Channel)) continue;
            if (scheduled is null || (s.Channel is not null && scheduled.Channel is null) ||
                ((s.Channel is null) == (scheduled.Channel is null) && s.ValidFrom > scheduled.ValidFrom))
                scheduled = s;
        }
        if (scheduled is not null)
        {
            list = scheduled.Price;
            d.Trace.Add($"scheduled price {F(scheduled.Price, c)} ({scheduled.Channel ?? "all channels"}, from {scheduled.ValidFrom:yyyy-MM-dd HH:mm}{(scheduled.ValidTo is { } to ? $" to {to:yyyy-MM-dd HH:mm}" : "")}) replaces it");
        }
        d.ListPrice = list;
        var unit = list;
        var why = "list price";
        foreach (var sp in book.Segments ?? [])
        {
            if (input.Segments is null || !input.Segments.Contains(sp.Segment)) continue;
            d.Trace.Add($"{sp.Segment} price {F(sp.Price, c)}");
            if (sp.Price < unit) { unit = sp.Price; why = sp.Segment + " price"; }
        }
        QuantityBreak? reached = null;
        foreach (var b in book.Breaks ?? [])
            if (request.Quantity >= b.MinQuantity && (reached is null || b.MinQuantity > reached.MinQuantity)) reached = b;
        if (reached is not null)
        {
            d.Trace.Add($"quantity break {reached.MinQuantity}+ at {F(reached.UnitPrice, c)}");
            if (reached.UnitPrice < unit) { unit = reached.UnitPrice; why = $"quantity break {reached.MinQuantity}+"; }
        }
        d.UnitPrice = unit;
        d.Trace.Add($"unit price {F(unit, c)}: the {why} wins (lowest)");
        return d;
    }

    private static void ApplyLinePromotions(QuoteInput input, LineDraft d)
    {
        var c = input.Currency;
        List<PromotionRule>? eligible = null;
        foreach (var p in input.Promotions)
        {
            if (p.Target == PromotionTarget.Order || !p.IsLive(input.Channel, input.At)) continue;
            if (p.RequiresCoupon && (input.UnlockedPromotions is null || !input.UnlockedPromotions.Contains(p.Code))) continue;
            var matches = p.Target == PromotionTarget.Sku ? p.TargetCode == d.Request.Sku : p.TargetCode is not null && d.Facts.InCategory(p.TargetCode);
            if (!matches) continue;
            (eligible ??= []).Add(p);
        }
        if (eligible is null) return;

        var best = Choose(eligible, d.Gross, (p, left) => LineDiscount(p, d, left, c), d.Trace, c);
        foreach (var (rule, amount) in best)
        {
            d.Discounts.Add(new AppliedDiscount(rule.Code, rule.Name, amount));
            d.DiscountTotal += amount;
        }
    }

    private static decimal LineDiscount(PromotionRule p, LineDraft d, decimal left, Currency c)
    {
        var q = d.Request.Quantity;
        var amount = p.Kind switch
        {
            PromotionKind.PercentOff => c.RoundPrice(left * Math.Min(p.Value, 100m) / 100m),
            PromotionKind.AmountOff => p.Value * q,
            PromotionKind.BuyXGetY when p.BuyQuantity > 0 && p.GetQuantity > 0 =>
                c.RoundPrice(q / (p.BuyQuantity + p.GetQuantity) * p.GetQuantity * d.UnitPrice * (p.Value is > 0m and <= 100m ? p.Value : 100m) / 100m),
            _ => 0m,
        };
        return Math.Clamp(amount, 0m, left);
    }

    /// <summary>
    /// Best-for-customer choice between "each exclusive promotion alone" and "all stackables in priority order".
    /// Returns the promotions applied with their amounts.
    /// </summary>
    private static List<(PromotionRule Rule, decimal Amount)> Choose(List<PromotionRule> eligible, decimal start,
        Func<PromotionRule, decimal, decimal> discountOf, List<string> trace, Currency c)
    {
        eligible.Sort(static (a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : string.CompareOrdinal(a.Code, b.Code));
        var best = new List<(PromotionRule, decimal)>();
        decimal bestTotal = -1m;
        string? bestLabel = null;

        var stack = new List<(PromotionRule, decimal)>();
        var left = start;
        foreach (var p in eligible)
        {
            if (p.Stacking != Stacking.Stackable) continue;
            var amount = discountOf(p, left);
            if (amount <= 0m) continue;
            stack.Add((p, amount));
            left -= amount;
        }
        if (stack.Count > 0)
        {
            best = stack;
            bestTotal = start - left;
            bestLabel = "stackable " + string.Join(" + ", stack.Select(s => s.Item1.Code));
        }
        foreach (var p in eligible)
        {
            if (p.Stacking != Stacking.Exclusive) continue;
            var amount = discountOf(p, start);
            if (amount <= 0m) continue;
            trace.Add($"exclusive {p.Code} would give −{F(amount, c)}");
            // Strictly greater: on a tie the option met first (stackables, then exclusives by priority) stays.
            if (amount > bestTotal)
            {
                best = [(p, amount)];
                bestTotal = amount;
                bestLabel = "exclusive " + p.Code;
            }
        }
        if (bestLabel is not null) trace.Add($"promotions: {bestLabel} −{F(bestTotal, c)} (best for the customer)");
        return best;
    }

    private static List<AppliedDiscount> ApplyOrderDiscounts(QuoteInput input, List<LineDraft> lines, List<string> trace)
    {
        var c = input.Currency;
        var applied = new List<AppliedDiscount>();
        decimal net = 0m;
        foreach (var l in lines) net += l.Gross - l.DiscountTotal;
        if (lines.Count == 0) return applied;

        List<PromotionRule>? eligible = null;
        foreach (var p in input.Promotions)
        {
            if (p.Target != PromotionTarget.Order || !p.IsLive(input.Channel, input.At)) continue;
            if (p.RequiresCoupon && (input.UnlockedPromotions is null || !input.UnlockedPromotions.Contains(p.Code))) continue;
            if (net < p.MinSubtotal)
            {
                trace.Add($"{p.Code} needs a subtotal of {F(p.MinSubtotal, c)}; the cart has {F(net, c)}");
                continue;
            }
            (eligible ??= []).Add(p);
        }
        var chosen = eligible is null
            ? []
            : Choose(eligible, net, (p, left) => Math.Clamp(p.Kind switch
            {
                PromotionKind.PercentOff => c.RoundPrice(left * Math.Min(p.Value, 100m) / 100m),
                PromotionKind.AmountOff => p.Value,
                _ => 0m,
            }, 0m, left), trace, c);
        var left = net;
        foreach (var (rule, amount) in chosen)
        {
            applied.Add(new AppliedDiscount(rule.Code, rule.Name, amount));
            left -= amount;
        }
        if (input.PointsValue > 0m && left > 0m)
        {
            var points = Math.Min(c.RoundToMinorUnit(input.PointsValue), left);
            applied.Add(new AppliedDiscount("POINTS", "Loyalty points redeemed", points));
            trace.Add($"loyalty points −{F(points, c)}");
        }

        // Each order discount is shared over the lines by their amounts; the parts add up exactly and never exceed a line.
        foreach (var discount in applied)
        {
            var weights = new decimal[lines.Count];
            for (var i = 0; i < lines.Count; i++) weights[i] = lines[i].Gross - lines[i].DiscountTotal;
            var parts = Share(discount.Amount, weights, c);
            for (var i = 0; i < lines.Count; i++)
            {
                if (parts[i] <= 0m) continue;
                lines[i].Discounts.Add(new AppliedDiscount(discount.RuleCode, "Share of " + discount.Description, parts[i]));
                lines[i].DiscountTotal += parts[i];
            }
        }
        return applied;
    }

    /// <summary>Splits an amount over weights: each part rounded down to the minor unit, the rest given a minor unit at a time in line order.</summary>
    internal static decimal[] Share(decimal amount, decimal[] weights, Currency c)
    {
        var parts = new decimal[weights.Length];
        decimal total = 0m;
        foreach (var w in weights) total += w;
        if (total <= 0m || amount <= 0m) return parts;
        var unit = c.MinorUnits == 0 ? 1m : 1m / (decimal)Math.Pow(10, c.MinorUnits);
        decimal given = 0m;
        for (var i = 0; i < weights.Length; i++)
        {
            parts[i] = Math.Floor(amount * weights[i] / total / unit) * unit;
            given += parts[i];
        }
        var rest = amount - given;
        for (var i = 0; rest > 0m && i < weights.Length; i++)
        {
            var room = Math.Min(weights[i] - parts[i], rest);
            if (room <= 0m) continue;
            parts[i] += room;
            rest -= room;
        }
        return parts;
    }

    private static string F(decimal amount, Currency c) => amount.ToString("N" + c.MinorUnits, Inv) + " " + c.Code;
}
