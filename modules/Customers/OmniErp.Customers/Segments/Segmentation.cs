namespace OmniErp.Customers.Segments;

/// <summary>One customer's purchase history in figures (from paid orders, net of refunds).</summary>
internal sealed record CustomerFacts(long CustomerId, int Orders, decimal NetSpend, DateTimeOffset FirstPurchase, DateTimeOffset LastPurchase, int Channels);

internal sealed record RfmScore(long CustomerId, int Recency, int Frequency, int Monetary, string Segment, decimal Clv);

internal sealed record ChannelGroup(string Name, int Customers, decimal AvgOrders, decimal AvgOrderValue, decimal AvgNetSpend, decimal AvgClv);

internal sealed record SegmentCount(string Segment, int Customers, decimal NetSpend);

internal sealed record SegmentReport(
    DateTimeOffset At, int Buyers, IReadOnlyList<SegmentCount> Segments, ChannelGroup Omnichannel, ChannelGroup SingleChannel,
    decimal? OmnichannelSpendRatio, IReadOnlyList<RfmScore> Top);

/// <summary>
/// RFM and CLV, free of storage. Each of recency, frequency and monetary value is scored 1–5 by quintile among
/// buyers (5 = most recent / most frequent / highest spend). CLV is the simple historic projection: average order
/// value × orders per year × <see cref="ClvYears"/> years, where orders per year is measured over the customer's
/// active span (at least 90 days, so a first-week buyer is not extrapolated wildly).
/// </summary>
internal static class Segmentation
{
    public const int ClvYears = 3;

    public static IReadOnlyList<RfmScore> Score(IReadOnlyList<CustomerFacts> buyers, DateTimeOffset now)
    {
        if (buyers.Count == 0) return [];
        var recency = Quintiles(buyers, f => -(now - f.LastPurchase).TotalDays);
        var frequency = Quintiles(buyers, f => f.Orders);
        var monetary = Quintiles(buyers, f => (double)f.NetSpend);
        return buyers.Select(f =>
        {
            var (r, fq, m) = (recency[f.CustomerId], frequency[f.CustomerId], monetary[f.CustomerId]);
            return new RfmScore(f.CustomerId, r, fq, m, SegmentOf(r, fq, m), Clv(f, now));
        }).ToList();
    }

    public static string SegmentOf(int r, int f, int m) => (r, f, m) switch
    {
        ( >= 4, >= 4, >= 4) => "Champions",
        ( >= 3, >= 4, _) => "Loyal",
        ( >= 4, <= 1, _) => "New",
        ( >= 3, _, _) => "Promising",
        ( <= 2, >= 3, _) => "At risk",
        _ => "Hibernating",
    };

    public static decimal Clv(CustomerFacts f, DateTimeOffset now)
    {
        if (f.Orders <= 0 || f.NetSpend <= 0) return 0m;
        var aov = f.NetSpend / f.Orders;
        var spanDays = Math.Max(90.0, (now - f.FirstPurchase).TotalDays);
        var perYear = f.Orders * 365.0m / (decimal)spanDays;
        return decimal.Round(aov * perYear * ClvYears, 0);
    }

    public static ChannelGroup Group(string name, IReadOnlyList<CustomerFacts> facts, DateTimeOffset now) =>
        facts.Count == 0
            ? new ChannelGroup(name, 0, 0m, 0m, 0m, 0m)
            : new ChannelGroup(name, facts.Count,
                decimal.Round(facts.Average(f => (decimal)f.Orders), 2),
                decimal.Round(facts.Sum(f => f.NetSpend) / Math.Max(1, facts.Sum(f => f.Orders)), 0),
                decimal.Round(facts.Average(f => f.NetSpend), 0),
                decimal.Round(facts.Average(f => Clv(f, now)), 0));

    public static SegmentReport Report(IReadOnlyList<CustomerFacts> buyers, DateTimeOffset now)
    {
        var scores = Score(buyers, now);
        var spend = buyers.ToDictionary(b => b.CustomerId, b => b.NetSpend);
        var segments = scores.GroupBy(s => s.Segment)
            .Select(g => new SegmentCount(g.Key, g.Count(), g.Sum(s => spend[s.CustomerId])))
            .OrderByDescending(s => s.NetSpend).ToList();
        var omni = Group("Omnichannel (2+ channels)", buyers.Where(b => b.Channels >= 2).ToList(), now);
        var single = Group("Single channel", buyers.Where(b => b.Channels < 2).ToList(), now);
        decimal? ratio = single.AvgNetSpend > 0 && omni.Customers > 0 ? decimal.Round(omni.AvgNetSpend / single.AvgNetSpend, 2) : null;
        return new SegmentReport(now, buyers.Count, segments, omni, single, ratio, scores.OrderByDescending(s => s.Clv).Take(20).ToList());
    }

    // Rank-based quintiles: ties share the lower bucket's score so equal values always score equally.
    private static Dictionary<long, int> Quintiles(IReadOnlyList<CustomerFacts> facts, Func<CustomerFacts, double> value)
    {
        var ordered = facts.OrderBy(value).ToList();
        var scores = new Dictionary<long, int>(ordered.Count);
        var n = ordered.Count;
        var i = 0;
        while (i < n)
        {
            var v = value(ordered[i]);
            var j = i;
            while (j + 1 < n && value(ordered[j + 1]).Equals(v)) j++;
            var score = 1 + (int)(5L * i / n);
            for (var k = i; k <= j; k++) scores[ordered[k].CustomerId] = score;
            i = j + 1;
        }
        return scores;
    }
}
