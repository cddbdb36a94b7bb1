using OmniErp.Benchmarks.Pricing;

// Small measurements, not timed tests: `dotnet run -c Release --project tests/OmniErp.Benchmarks -- <suite> [db]`.
//   quote [bdn args]      the pure pricing engine (BenchmarkDotNet): a 10-line cart with 3 live promotions (mean µs and bytes per quote)
//   list <sqlite-file>    the back-office product list and the storefront product page with prices, against raw SQL doing the same reads
//   storefront <pg> [s] [clients]  the 24-product storefront page over HTTP vs raw SQL, same reads, same concurrency (see Storefront/run.sh)
//   reports [rows…]       export N order lines (default 1,000,000) from PostgreSQL to CSV and XLSX beside COPY TO STDOUT
//   orders [postgres|sqlite] [seconds] [clients] [scale]   orders/s placed over HTTP (GraphQL placeOrder) beside raw SQL issuing the same writes
//   orders-cpu [sqlite|postgres] [seconds]   where the app's CPU per order goes (one client, one operation at a time)
return args.FirstOrDefault() switch
{
    "quote" => QuoteBench.Run(args[1..]),
    "storefront" when args.Length > 1 => await OmniErp.Benchmarks.Storefront.StorefrontLoad.RunAsync(args[1..]),
    "list" when args.Length > 1 => await ListBench.RunAsync(args[1]),
    "reports" => await OmniErp.Benchmarks.Reports.ExportBenchmark.RunAsync(args[1..]),
    "orders" => await OmniErp.Benchmarks.Orders.PlaceOrderBench.RunAsync(args[1..]),
    "orders-cpu" => await OmniErp.Benchmarks.Orders.PlaceOrderBench.BreakdownAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: quote | list <path-to-sqlite-db> | storefront <pg-connection-string> [seconds] [clients] | reports [rows…] | orders [postgres|sqlite] [seconds] [clients] [scale] | orders-cpu [sqlite|postgres] [seconds]");
    return 2;
}
