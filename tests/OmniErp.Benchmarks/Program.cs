using OmniErp.Benchmarks.Pricing;

// Small measurements, not timed tests: `dotnet run -c Release --project tests/OmniErp.Benchmarks -- <suite> [db]`.
//   quote                 the pure pricing engine: a 10-line cart with 3 live promotions (mean µs and bytes per quote)
//   list <sqlite-file>    the back-office product list and the storefront product page with prices, against raw SQL doing the same reads
return args.FirstOrDefault() switch
{
    "quote" => QuoteBench.Run(),
    "list" when args.Length > 1 => await ListBench.RunAsync(args[1]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: quote | list <path-to-sqlite-db>");
    return 2;
}
