using System.Diagnostics;
using Dapper;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniErp.Catalog.Products;
using OmniErp.Catalog.Storefront;
using OmniErp.Host;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Benchmarks.Pricing;

/// <summary>
/// Through the app (mediator, handlers, Dapper) beside raw SQL issuing the same reads on one connection, on an existing
/// SQLite database (e.g. one seeded with Demo:Scale=40 for ~100,000 SKUs).
/// </summary>
internal static class ListBench
{
    public static async Task<int> RunAsync(string file)
    {
        var app = OmniErpApp.Build([], b =>
        {
            b.Configuration["Database:ConnectionString"] = $"Data Source={file}";
            b.Configuration["Database:MigrateOnStartup"] = "false";
            b.Configuration["Outbox:Enabled"] = "false";
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        var skuCount = 0L;
        await Measure("app  back-office list, text search, page 1 of 50", app, m => m.Send(new ListProducts(Q: "ao thun", PageSize: 50)).ContinueWith(t => (long)t.Result.Rows.Count));
        await Measure("app  back-office list, sorted by name, page 200", app, m => m.Send(new ListProducts(Sort: "name", Page: 200, PageSize: 50)).ContinueWith(t => (long)t.Result.Rows.Count));
        await Measure("app  storefront page: 24 products + variant prices", app, async m =>
        {
            var slice = await m.Send(new BrowseProducts("web", 24, Category: "thoi-trang"));
            var prices = await m.Send(new GetPrices("web", slice.Nodes.SelectMany(n => n.Skus).ToList()));
            return prices.Count;
        });

        await using var raw = new SqliteConnection($"Data Source={file}");
        await raw.OpenAsync();
        skuCount = await raw.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM catalog_variants");
        await MeasureRaw("raw  same list SQL (search)", async () => (await raw.QueryAsync(
            "SELECT v.sku, v.name, p.code, c.name, p.brand, p.status, p.vat_rate, v.barcode FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id JOIN catalog_categories c ON c.id = p.category_id WHERE v.search_text LIKE '%ao%' AND v.search_text LIKE '%thun%' ORDER BY v.sku LIMIT 50")).Count()
            + (int)await raw.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id JOIN catalog_categories c ON c.id = p.category_id WHERE v.search_text LIKE '%ao%' AND v.search_text LIKE '%thun%'"));
        await MeasureRaw("raw  same list SQL (name sort, page 200)", async () => (await raw.QueryAsync(
            "SELECT v.sku, v.name, p.code, c.name, p.brand, p.status, p.vat_rate, v.barcode FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id JOIN catalog_categories c ON c.id = p.category_id ORDER BY v.name, v.sku LIMIT 50 OFFSET 9950")).Count()
            + (int)await raw.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM catalog_variants v JOIN catalog_products p ON p.id = v.product_id JOIN catalog_categories c ON c.id = p.category_id"));
        await MeasureRaw("raw  storefront page reads (products, variants, base prices)", async () =>
        {
            var ids = (await raw.QueryAsync<long>("SELECT p.id FROM catalog_products p WHERE p.status = 'Active' AND p.category_id IN (SELECT id FROM catalog_categories WHERE path LIKE 'thoi-trang%') AND EXISTS (SELECT 1 FROM catalog_product_channels pc WHERE pc.product_id = p.id AND pc.channel = 'web') ORDER BY p.code LIMIT 24")).ToList();
            var skus = (await raw.QueryAsync<string>("SELECT sku FROM catalog_variants WHERE product_id IN @ids", new { ids })).ToList();
            return (await raw.QueryAsync("SELECT sku, price FROM pricing_base_prices WHERE sku IN @skus", new { skus })).Count();
        });
        Console.WriteLine($"catalog of {skuCount:N0} SKUs");
        return 0;
    }

    private static async Task Measure(string name, IHost app, Func<IMediator, Task<long>> work) =>
        await Time(name, async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<IMediator>());
        });

    private static Task MeasureRaw(string name, Func<Task<int>> work) => Time(name, async () => await work());

    private static async Task Time(string name, Func<Task<long>> work)
    {
        for (var i = 0; i < 5; i++) await work();
        var times = new List<double>();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(3) || times.Count < 10)
        {
            var t = Stopwatch.GetTimestamp();
            await work();
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{name,-62} mean {times.Average(),8:0.00} ms  p50 {times[times.Count / 2],8:0.00}  p99 {times[(int)(times.Count * 0.99)],8:0.00}  (n={times.Count})");
    }
}
