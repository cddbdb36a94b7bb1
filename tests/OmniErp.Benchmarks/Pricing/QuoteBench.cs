using System.Diagnostics;
using OmniErp.Kernel.Money;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Engine;

namespace OmniErp.Benchmarks.Pricing;

/// <summary>The pure engine once rules are loaded: mean time and allocation per quote, beside a hand-written loop doing the bare arithmetic.</summary>
internal static class QuoteBench
{
    public static QuoteInput Cart()
    {
        var skus = Enumerable.Range(1, 10).Select(i => $"SKU-{i:D3}").ToList();
        var books = skus.Select((s, i) => new SkuPriceBook(s, 100_000m + i * 10_000m, Breaks: i % 3 == 0 ? [new QuantityBreak(3, 95_000m)] : null)).ToDictionary(b => b.Sku);
        var facts = skus.Select((s, i) => new SkuFacts(s, i % 2 == 0 ? "thoi-trang/ao-thun" : "lam-dep/cham-soc-da", i % 2 == 0 ? 8 : 10)).ToDictionary(f => f.Sku);
        var promotions = new List<PromotionRule>
        {
            new("THOITRANG10", "10 % fashion", PromotionKind.PercentOff, PromotionTarget.Category, "thoi-trang", 10m),
            new("B2G1", "Buy 2 get 1", PromotionKind.BuyXGetY, PromotionTarget.Category, "cham-soc-da", 100m, 2, 1, Stacking: Stacking.Exclusive),
            new("WEB5", "5 % order", PromotionKind.PercentOff, PromotionTarget.Order, null, 5m, MinSubtotal: 500_000m),
        };
        return new QuoteInput("web", Currency.VND, DateTimeOffset.UnixEpoch, skus.Select((s, i) => new QuoteLineRequest(s, 1 + i % 4)).ToList(), facts, books, promotions);
    }

    public static int Run()
    {
        var input = Cart();
        var total = PriceEngine.Quote(input).Total;
        Measure("engine   PriceEngine.Quote (10 lines, 3 promotions, traces)", () => PriceEngine.Quote(input).Total);
        Measure("baseline bare arithmetic (same prices, no rules)", () =>
        {
            decimal sum = 0;
            foreach (var l in input.Lines) sum += input.Prices[l.Sku].BasePrice * l.Quantity;
            return sum;
        });
        Console.WriteLine($"quote total {total:N0} VND");
        return 0;
    }

    private static void Measure(string name, Func<decimal> work)
    {
        for (var i = 0; i < 20_000; i++) work();
        const int n = 200_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) work();
        sw.Stop();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)n;
        Console.WriteLine($"{name,-62} {sw.Elapsed.TotalMicroseconds / n,8:0.00} µs/op {bytes,9:N0} B/op");
    }
}
