using System.Buffers;
using System.Collections;
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
/// <para>
/// Speed: the hot path allocates only the answer (no LINQ, no closures, pooled scratch arrays). The traces are lazy:
/// a quote's and each line's trace is worked out again from the same input, with the same code in tracing mode, only
/// when someone reads it — the engine being pure, it is exactly what happened.
/// </para>
/// </summary>
internal static class PriceEngine
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Quote Quote(QuoteInput input) => Run(input, null);

    /// <summary>The shelf price of one unit for a channel (and customer): a one-unit quote without order promotions.</summary>
    public static (decimal Price, decimal? CompareAt, decimal Regular) Shelf(QuoteInput input, string sku)
    {
        var facts = input.Facts[sku];
        var book = input.Prices[sku];
        var live = LivePromotions(input, out var liveCount);
        try
        {
            var d = PriceLine(input, new QuoteLineRequest(sku, 1), facts, book, null);
            var scratch = new DiscountBuffer();
            ApplyLinePromotions(input, live.AsSpan(0, liveCount), ref d, ref scratch, null);
            scratch.Return();
            var price = d.Gross - d.DiscountTotal;
            var regular = book.ChannelPrice ?? book.BasePrice;
            return (price, regular > price ? regular : null, regular);
        }
        finally { ArrayPool<PromotionRule>.Shared.Return(live, clearArray: true); }
    }

    /// <summary>A line's trace: how its price was resolved, worked out again from the same input.</summary>
    internal static List<string> TraceLine(QuoteInput input, QuoteLineRequest request)
    {
        var trace = new List<string>();
        var live = LivePromotions(input, out var liveCount);
        try
        {
            var d = PriceLine(input, request, input.Facts[request.Sku], input.Prices[request.Sku], trace);
            var scratch = new DiscountBuffer();
            ApplyLinePromotions(input, live.AsSpan(0, liveCount), ref d, ref scratch, trace);
            scratch.Return();
        }
        finally { ArrayPool<PromotionRule>.Shared.Return(live, clearArray: true); }
        return trace;
    }

    /// <summary>The quote's own trace (coupons, customer, order promotions, points), worked out again from the same input.</summary>
    internal static List<string> TraceQuote(QuoteInput input)
    {
        var trace = new List<string>(input.Trace ?? []);
        Run(input, trace);
        return trace;
    }

    private struct LineDraft
    {
        public QuoteLineRequest Request;
        public SkuFacts Facts;
        public decimal ListPrice;
        public decimal UnitPrice;
        public decimal DiscountTotal;
        public int DiscountStart;
        public int DiscountCount;

        public readonly decimal Gross => UnitPrice * Request.Quantity;
    }

    /// <summary>Line discounts of the whole quote in one pooled array; each line owns a contiguous run.</summary>
    private struct DiscountBuffer
    {
        private AppliedDiscount[]? _items;
        public int Count;

        public void Add(AppliedDiscount d)
        {
            _items ??= ArrayPool<AppliedDiscount>.Shared.Rent(16);
            if (Count == _items.Length)
            {
                var bigger = ArrayPool<AppliedDiscount>.Shared.Rent(Count * 2);
                Array.Copy(_items, bigger, Count);
                ArrayPool<AppliedDiscount>.Shared.Return(_items, clearArray: true);
                _items = bigger;
            }
            _items[Count++] = d;
        }

        public readonly AppliedDiscount this[int i] => _items![i];

        public void Return()
        {
            if (_items is not null) ArrayPool<AppliedDiscount>.Shared.Return(_items, clearArray: true);
            _items = null;
        }
    }

    /// <param name="orderTrace">Null on the hot path; a list when the quote's trace is being worked out.</param>
    private static Quote Run(QuoteInput input, List<string>? orderTrace)
    {
        var currency = input.Currency;
        List<QuoteProblem>? problems = null;
        var lineCount = input.Lines.Count;
        var drafts = ArrayPool<LineDraft>.Shared.Rent(Math.Max(1, lineCount));
        var live = LivePromotions(input, out var liveCount);
        var discounts = new DiscountBuffer();
        decimal[]? parts = null;
        try
        {
            var n = 0;
            for (var i = 0; i < lineCount; i++)
            {
                var request = input.Lines[i];
                QuoteProblem? problem = null;
                if (request.Quantity <= 0)
                    problem = new QuoteProblem(request.Sku, "INVALID_QUANTITY", $"The quantity of {request.Sku} must be at least 1.");
                else if (!input.Facts.TryGetValue(request.Sku, out var facts))
                    problem = new QuoteProblem(request.Sku, "UNKNOWN_SKU", $"SKU {request.Sku} is not in the catalog.");
                else if (facts.Problem is not null)
                    problem = facts.Problem;
                else if (!input.Prices.TryGetValue(request.Sku, out var book))
                    problem = new QuoteProblem(request.Sku, "NO_PRICE", $"SKU {request.Sku} has no price.");
                else
                {
                    drafts[n] = PriceLine(input, request, facts, book, null);
                    ApplyLinePromotions(input, live.AsSpan(0, liveCount), ref drafts[n], ref discounts, null);
                    n++;
                }
                if (problem is not null) (problems ??= new List<QuoteProblem>(input.Problems ?? [])).Add(problem);
            }
            var lines = drafts.AsSpan(0, n);

            // Order discounts, then each shared over the lines: parts[j * n + i] is order discount j's share of line i.
            var orderDiscounts = ApplyOrderDiscounts(input, live.AsSpan(0, liveCount), lines, orderTrace);
            if (orderDiscounts.Length > 0)
            {
                parts = ArrayPool<decimal>.Shared.Rent(orderDiscounts.Length * n);
                for (var j = 0; j < orderDiscounts.Length; j++)
                {
                    var share = parts.AsSpan(j * n, n);
                    for (var i = 0; i < n; i++) share[i] = lines[i].Gross - lines[i].DiscountTotal;
                    ShareInPlace(orderDiscounts[j].Amount, share, currency);
                    for (var i = 0; i < n; i++) lines[i].DiscountTotal += share[i];
                }
            }

            var quoted = new QuotedLine[n];
            Span<int> rates = stackalloc int[Math.Max(1, Math.Min(n, 16))];
            Span<decimal> grossByRate = stackalloc decimal[rates.Length];
            Span<decimal> vatByRate = stackalloc decimal[rates.Length];
            List<(int Rate, decimal Gross, decimal Vat)>? moreRates = null;
            var rateCount = 0;
            decimal subtotal = 0m, discountTotal = 0m, vatTotal = 0m, total = 0m;
            string?[]? shareNames = null;
            for (var i = 0; i < n; i++)
            {
                ref var d = ref lines[i];
                var size = d.DiscountCount;
                for (var j = 0; j < orderDiscounts.Length; j++) if (parts![j * n + i] > 0m) size++;
                var lineDiscounts = size == 0 ? [] : new AppliedDiscount[size];
                var k = 0;
                for (var x = 0; x < d.DiscountCount; x++) lineDiscounts[k++] = discounts[d.DiscountStart + x];
                for (var j = 0; j < orderDiscounts.Length; j++)
                {
                    var part = parts![j * n + i];
                    if (part <= 0m) continue;
                    shareNames ??= new string?[orderDiscounts.Length];
                    lineDiscounts[k++] = new AppliedDiscount(orderDiscounts[j].RuleCode, shareNames[j] ??= "Share of " + orderDiscounts[j].Description, part);
                }

                var gross = d.Gross;
                var lineTotal = gross - d.DiscountTotal;
                var lineVat = new Money(lineTotal, currency).VatPart(d.Facts.VatRate).Amount;
                quoted[i] = new QuotedLine(d.Request.Sku, d.Request.Quantity, d.ListPrice, d.UnitPrice, lineDiscounts, d.DiscountTotal, lineTotal,
                    d.Facts.VatRate, lineVat, orderTrace is null ? new LineTrace(input, d.Request) : []);
                var r = 0;
                while (r < rateCount && rates[r] != d.Facts.VatRate) r++;
                if (r == rateCount && r < rates.Length) { rates[r] = d.Facts.VatRate; grossByRate[r] = 0m; vatByRate[r] = 0m; rateCount++; }
                if (r < rates.Length) { grossByRate[r] += lineTotal; vatByRate[r] += lineVat; }
                else AddRate(moreRates ??= [], d.Facts.VatRate, lineTotal, lineVat);
                subtotal += gross;
                discountTotal += d.DiscountTotal;
                vatTotal += lineVat;
                total += lineTotal;
            }

            var vat = new VatByRate[rateCount + (moreRates?.Count ?? 0)];
            for (var r = 0; r < rateCount; r++) vat[r] = new VatByRate(rates[r], grossByRate[r], vatByRate[r]);
            if (moreRates is not null) for (var r = 0; r < moreRates.Count; r++) vat[rateCount + r] = new VatByRate(moreRates[r].Rate, moreRates[r].Gross, moreRates[r].Vat);
            for (var a = 1; a < vat.Length; a++) // insertion sort by rate: a handful of rates
                for (var b = a; b > 0 && vat[b - 1].Rate > vat[b].Rate; b--) (vat[b - 1], vat[b]) = (vat[b], vat[b - 1]);

            return new Quote(input.Channel, currency.Code, input.At, quoted, orderDiscounts, subtotal, discountTotal, vatTotal, total,
                vat, (IReadOnlyList<QuoteProblem>?)problems ?? input.Problems ?? [], orderTrace is null ? new QuoteTrace(input) : orderTrace);
        }
        finally
        {
            ArrayPool<LineDraft>.Shared.Return(drafts, clearArray: true);
            ArrayPool<PromotionRule>.Shared.Return(live, clearArray: true);
            if (parts is not null) ArrayPool<decimal>.Shared.Return(parts);
            discounts.Return();
        }
    }

    private static void AddRate(List<(int Rate, decimal Gross, decimal Vat)> rates, int rate, decimal gross, decimal vat)
    {
        for (var i = 0; i < rates.Count; i++)
            if (rates[i].Rate == rate) { rates[i] = (rate, rates[i].Gross + gross, rates[i].Vat + vat); return; }
        rates.Add((rate, gross, vat));
    }

    /// <summary>The promotions live on the channel at the moment and unlocked (coupon ones), by priority then code; pooled.</summary>
    private static PromotionRule[] LivePromotions(QuoteInput input, out int count)
    {
        var all = input.Promotions;
        var live = ArrayPool<PromotionRule>.Shared.Rent(Math.Max(1, all.Count));
        count = 0;
        for (var i = 0; i < all.Count; i++)
        {
            var p = all[i];
            if (!p.IsLive(input.Channel, input.At)) continue;
            if (p.RequiresCoupon && (input.UnlockedPromotions is null || !input.UnlockedPromotions.Contains(p.Code))) continue;
            var at = count++;
            while (at > 0 && ComparePriority(live[at - 1], p) > 0) { live[at] = live[at - 1]; at--; }
            live[at] = p;
        }
        return live;
    }

    private static int ComparePriority(PromotionRule a, PromotionRule b) =>
        a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : string.CompareOrdinal(a.Code, b.Code);

    private static LineDraft PriceLine(QuoteInput input, QuoteLineRequest request, SkuFacts facts, SkuPriceBook book, List<string>? trace)
    {
        var d = new LineDraft { Request = request, Facts = facts };
        var c = input.Currency;
        var list = book.BasePrice;
        trace?.Add($"base price {F(list, c)}");
        if (book.ChannelPrice is { } channelPrice)
        {
            list = channelPrice;
            trace?.Add($"{input.Channel} override {F(channelPrice, c)} replaces the base price");
        }
        ScheduledPrice? scheduled = null;
        if (book.Scheduled is { } schedules)
            for (var i = 0; i < schedules.Count; i++)
            {
                var s = schedules[i];
                if (!s.IsLive(input.At) || (s.Channel is not null && s.Channel != input.Channel)) continue;
                if (scheduled is null || (s.Channel is not null && scheduled.Channel is null) ||
                    ((s.Channel is null) == (scheduled.Channel is null) && s.ValidFrom > scheduled.ValidFrom))
                    scheduled = s;
            }
        if (scheduled is not null)
        {
            list = scheduled.Price;
            trace?.Add($"scheduled price {F(scheduled.Price, c)} ({scheduled.Channel ?? "all channels"}, from {scheduled.ValidFrom:yyyy-MM-dd HH:mm}{(scheduled.ValidTo is { } to ? $" to {to:yyyy-MM-dd HH:mm}" : "")}) replaces it");
        }
        d.ListPrice = list;
        var unit = list;
        SegmentPrice? segmentWon = null;
        if (book.Segments is { } segments && input.Segments is { } mine)
            for (var i = 0; i < segments.Count; i++)
            {
                var sp = segments[i];
                if (!Contains(mine, sp.Segment)) continue;
                trace?.Add($"{sp.Segment} price {F(sp.Price, c)}");
                if (sp.Price < unit) { unit = sp.Price; segmentWon = sp; }
            }
        QuantityBreak? reached = null;
        var breakWon = false;
        if (book.Breaks is { } breaks)
            for (var i = 0; i < breaks.Count; i++)
            {
                var b = breaks[i];
                if (request.Quantity >= b.MinQuantity && (reached is null || b.MinQuantity > reached.MinQuantity)) reached = b;
            }
        if (reached is not null)
        {
            trace?.Add($"quantity break {reached.MinQuantity}+ at {F(reached.UnitPrice, c)}");
            if (reached.UnitPrice < unit) { unit = reached.UnitPrice; breakWon = true; }
        }
        d.UnitPrice = unit;
        if (trace is not null)
        {
            var why = breakWon ? $"quantity break {reached!.MinQuantity}+" : segmentWon is not null ? segmentWon.Segment + " price" : "list price";
            trace.Add($"unit price {F(unit, c)}: the {why} wins (lowest)");
        }
        return d;
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (string.Equals(list[i], value, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool AppliesToLine(PromotionRule p, in LineDraft d) =>
        p.Target != PromotionTarget.Order &&
        (p.Target == PromotionTarget.Sku ? p.TargetCode == d.Request.Sku : p.TargetCode is not null && d.Facts.InCategory(p.TargetCode));

    private static void ApplyLinePromotions(QuoteInput input, ReadOnlySpan<PromotionRule> live, ref LineDraft d, ref DiscountBuffer into, List<string>? trace)
    {
        var c = input.Currency;
        d.DiscountStart = into.Count;
        var start = d.Gross;

        // Option 1: every stackable promotion in priority order, each on what the previous left.
        var left = start;
        var stacked = 0;
        foreach (var p in live)
        {
            if (p.Stacking != Stacking.Stackable || !AppliesToLine(p, d)) continue;
            var amount = LineDiscount(p, d, left, c);
            if (amount <= 0m) continue;
            stacked++;
            left -= amount;
        }
        // Option 2: each exclusive promotion alone; strictly greater wins, so on a tie the option met first stays.
        var bestTotal = stacked > 0 ? start - left : -1m;
        PromotionRule? exclusive = null;
        foreach (var p in live)
        {
            if (p.Stacking != Stacking.Exclusive || !AppliesToLine(p, d)) continue;
            var amount = LineDiscount(p, d, start, c);
            if (amount <= 0m) continue;
            trace?.Add($"exclusive {p.Code} would give −{F(amount, c)}");
            if (amount > bestTotal) { exclusive = p; bestTotal = amount; }
        }

        if (exclusive is not null)
        {
            into.Add(new AppliedDiscount(exclusive.Code, exclusive.Name, bestTotal));
            d.DiscountTotal += bestTotal;
        }
        else if (stacked > 0)
        {
            left = start;
            foreach (var p in live)
            {
                if (p.Stacking != Stacking.Stackable || !AppliesToLine(p, d)) continue;
                var amount = LineDiscount(p, d, left, c);
                if (amount <= 0m) continue;
                into.Add(new AppliedDiscount(p.Code, p.Name, amount));
                d.DiscountTotal += amount;
                left -= amount;
            }
        }
        d.DiscountCount = into.Count - d.DiscountStart;
        if (trace is not null && (exclusive is not null || stacked > 0))
        {
            var label = exclusive is not null ? "exclusive " + exclusive.Code : "stackable " + string.Join(" + ", Codes(into, d.DiscountStart, d.DiscountCount));
            trace.Add($"promotions: {label} −{F(bestTotal, c)} (best for the customer)");
        }
    }

    private static IEnumerable<string> Codes(DiscountBuffer buffer, int start, int count)
    {
        var codes = new List<string>(count);
        for (var i = 0; i < count; i++) codes.Add(buffer[start + i].RuleCode);
        return codes;
    }

    private static decimal LineDiscount(PromotionRule p, in LineDraft d, decimal left, Currency c)
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

    private static decimal OrderDiscount(PromotionRule p, decimal left, Currency c) => Math.Clamp(p.Kind switch
    {
        PromotionKind.PercentOff => c.RoundPrice(left * Math.Min(p.Value, 100m) / 100m),
        PromotionKind.AmountOff => p.Value,
        _ => 0m,
    }, 0m, left);

    /// <summary>The order promotions chosen (best for the customer, as for lines) and loyalty points, in that order.</summary>
    private static AppliedDiscount[] ApplyOrderDiscounts(QuoteInput input, ReadOnlySpan<PromotionRule> live, ReadOnlySpan<LineDraft> lines, List<string>? trace)
    {
        var c = input.Currency;
        if (lines.Length == 0) return [];
        decimal net = 0m;
        foreach (ref readonly var l in lines) net += l.Gross - l.DiscountTotal;

        if (trace is not null)
            // The subtotal notes, in the order the promotions were given (as they are read).
            for (var i = 0; i < input.Promotions.Count; i++)
            {
                var p = input.Promotions[i];
                if (p.Target != PromotionTarget.Order || !p.IsLive(input.Channel, input.At)) continue;
                if (p.RequiresCoupon && (input.UnlockedPromotions is null || !input.UnlockedPromotions.Contains(p.Code))) continue;
                if (net < p.MinSubtotal) trace.Add($"{p.Code} needs a subtotal of {F(p.MinSubtotal, c)}; the cart has {F(net, c)}");
            }

        var left = net;
        var stacked = 0;
        foreach (var p in live)
        {
            if (p.Target != PromotionTarget.Order || net < p.MinSubtotal || p.Stacking != Stacking.Stackable) continue;
            var amount = OrderDiscount(p, left, c);
            if (amount <= 0m) continue;
            stacked++;
            left -= amount;
        }
        var bestTotal = stacked > 0 ? net - left : -1m;
        PromotionRule? exclusive = null;
        foreach (var p in live)
        {
            if (p.Target != PromotionTarget.Order || net < p.MinSubtotal || p.Stacking != Stacking.Exclusive) continue;
            var amount = OrderDiscount(p, net, c);
            if (amount <= 0m) continue;
            trace?.Add($"exclusive {p.Code} would give −{F(amount, c)}");
            if (amount > bestTotal) { exclusive = p; bestTotal = amount; }
        }

        var chosen = exclusive is not null ? 1 : stacked;
        decimal points = 0m;
        var remaining = exclusive is not null ? net - bestTotal : stacked > 0 ? left : net;
        if (input.PointsValue > 0m && remaining > 0m) points = Math.Min(c.RoundToMinorUnit(input.PointsValue), remaining);
        var applied = new AppliedDiscount[chosen + (input.PointsValue > 0m && remaining > 0m ? 1 : 0)];
        var k = 0;
        if (exclusive is not null) applied[k++] = new AppliedDiscount(exclusive.Code, exclusive.Name, bestTotal);
        else if (stacked > 0)
        {
            left = net;
            foreach (var p in live)
            {
                if (p.Target != PromotionTarget.Order || net < p.MinSubtotal || p.Stacking != Stacking.Stackable) continue;
                var amount = OrderDiscount(p, left, c);
                if (amount <= 0m) continue;
                applied[k++] = new AppliedDiscount(p.Code, p.Name, amount);
                left -= amount;
            }
        }
        if (trace is not null && chosen > 0)
        {
            var label = exclusive is not null ? "exclusive " + exclusive.Code : "stackable " + string.Join(" + ", applied.Take(chosen).Select(a => a.RuleCode));
            trace.Add($"promotions: {label} −{F(bestTotal, c)} (best for the customer)");
        }
        if (k < applied.Length)
        {
            applied[k] = new AppliedDiscount("POINTS", "Loyalty points redeemed", points);
            trace?.Add($"loyalty points −{F(points, c)}");
        }
        return applied;
    }

    /// <summary>Splits an amount over weights: each part rounded down to the minor unit, the rest given a minor unit at a time in line order.</summary>
    internal static decimal[] Share(decimal amount, decimal[] weights, Currency c)
    {
        var parts = (decimal[])weights.Clone();
        ShareInPlace(amount, parts, c);
        return parts;
    }

    /// <summary><see cref="Share"/> over a span holding the weights on entry and the parts on return.</summary>
    private static void ShareInPlace(decimal amount, Span<decimal> weightsThenParts, Currency c)
    {
        var w = weightsThenParts;
        decimal total = 0m;
        foreach (var x in w) total += x;
        if (total <= 0m || amount <= 0m)
        {
            w.Clear();
            return;
        }
        var unit = c.MinorUnits == 0 ? 1m : 1m / (decimal)Math.Pow(10, c.MinorUnits);
        // Needs each weight after its part is known: keep the weight's room (weight − part) in a second pass.
        Span<decimal> weights = w.Length <= 32 ? stackalloc decimal[w.Length] : new decimal[w.Length];
        w.CopyTo(weights);
        decimal given = 0m;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = Math.Floor(amount * weights[i] / total / unit) * unit;
            given += w[i];
        }
        var rest = amount - given;
        for (var i = 0; rest > 0m && i < w.Length; i++)
        {
            var room = Math.Min(weights[i] - w[i], rest);
            if (room <= 0m) continue;
            w[i] += room;
            rest -= room;
        }
    }

    internal static string F(decimal amount, Currency c) => amount.ToString("N" + c.MinorUnits, Inv) + " " + c.Code;

    /// <summary>A line's trace, worked out when first read.</summary>
    private sealed class LineTrace(QuoteInput input, QuoteLineRequest request) : IReadOnlyList<string>
    {
        private List<string>? _items;
        private List<string> Items => _items ??= TraceLine(input, request);
        public string this[int index] => Items[index];
        public int Count => Items.Count;
        public IEnumerator<string> GetEnumerator() => Items.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The quote's trace, worked out when first read.</summary>
    private sealed class QuoteTrace(QuoteInput input) : IReadOnlyList<string>
    {
        private List<string>? _items;
        private List<string> Items => _items ??= TraceQuote(input);
        public string this[int index] => Items[index];
        public int Count => Items.Count;
        public IEnumerator<string> GetEnumerator() => Items.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
