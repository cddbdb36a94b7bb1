using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OmniErp.Kernel.Money;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Engine;

namespace OmniErp.Benchmarks.Pricing;

/// <summary>
/// The pure engine once rules are loaded (BenchmarkDotNet, mean time and bytes allocated per quote): a 10-line cart with
/// 3 live promotions (a category percent, an exclusive buy-2-get-1, an order percent over a minimum), beside a
/// hand-written loop doing the bare arithmetic, and beside reading every trace (the lazy part, paid only when asked).
/// Target: ≤ 20 µs and ≤ 4 KB per quote.
/// </summary>
[MemoryDiagnoser]
public class QuoteBench
{
    private QuoteInput _input = null!;

    internal static QuoteInput Cart()
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

    [GlobalSetup]
    public void Setup() => _input = Cart();

    [Benchmark(Description = "engine: quote, traces not read")]
    public decimal Quote() => PriceEngine.Quote(_input).Total;

    [Benchmark(Description = "engine: quote and read every trace")]
    public int QuoteWithTraces()
    {
        var q = PriceEngine.Quote(_input);
        var n = q.Trace.Count;
        foreach (var l in q.Lines) n += l.Trace.Count;
        return n;
    }

    [Benchmark(Baseline = true, Description = "baseline: bare arithmetic, no rules")]
    public decimal Bare()
    {
        decimal sum = 0;
        foreach (var l in _input.Lines) sum += _input.Prices[l.Sku].BasePrice * l.Quantity;
        return sum;
    }

    public static int Run(string[] args)
    {
        var quote = PriceEngine.Quote(Cart());
        Console.WriteLine($"quote total {quote.Total:N0} VND; trace of line 1: {string.Join(" | ", quote.Lines[0].Trace)}");
        // In-process: the benchmark project references the whole host, which BenchmarkDotNet need not rebuild.
        var config = ManualConfig.CreateEmpty().AddColumnProvider(DefaultColumnProviders.Instance).AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub).AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15).WithId("in-process"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<QuoteBench>(config, args);
        return 0;
    }
}
