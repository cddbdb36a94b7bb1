using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OmniErp.Benchmarks.Storefront;

/// <summary>
/// Load run on PostgreSQL: the storefront page (24 products with prices, GraphQL over HTTP through Kestrel) with N
/// concurrent clients, then raw SQL issuing the same reads (products + variants + attributes, the SKUs' catalog facts,
/// their price rules: 3 round trips) at the same concurrency, in the same run. Prints throughput, p50/p99 and the ratio.
/// <c>dotnet run -c Release --project tests/OmniErp.Benchmarks -- storefront "Host=…;Database=…" [seconds] [clients]</c>
/// on a database seeded with the demo (see storefront/run.sh).
/// </summary>
internal static class StorefrontLoad
{
    private const string Page = """
        { products(first: 24, category: "thoi-trang") { edges { node { code name variants { sku attributes { name value } price { amount currency } } price { amount compareAtAmount } } } } }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = args[0];
        var seconds = args.Length > 1 ? int.Parse(args[1]) : 20;
        var clients = args.Length > 2 ? int.Parse(args[2]) : 32;
        const string url = "http://127.0.0.1:5187";

        var app = Host.OmniErpApp.Build([], b =>
        {
            b.Configuration["Database:Provider"] = "Postgres";
            b.Configuration["Database:ConnectionString"] = connectionString + ";Maximum Pool Size=" + (clients + 8);
            b.Configuration["Database:MigrateOnStartup"] = "false";
            b.Configuration["Database:SeedDemoData"] = "false";
            b.Configuration["Outbox:Enabled"] = "false";
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            b.WebHost.UseUrls(url);
        });
        await app.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(url) };
        var check = await PageAsync(http);
        Console.WriteLine($"storefront page: {check} products with prices; {clients} clients, {seconds} s each");

        var app1 = await LoadAsync("app  GraphQL storefront page over HTTP", clients, seconds, () => PageAsync(http));

        await using var source = NpgsqlDataSource.Create(connectionString + ";Maximum Pool Size=" + (clients + 8));
        var raw = await LoadAsync("raw  same reads in SQL (3 round trips)", clients, seconds, async () =>
        {
            await using var c = await source.OpenConnectionAsync();
            return await RawPageAsync(c);
        });
        Console.WriteLine($"ratio app/raw throughput: {app1 / raw:0.00} (target ≥ 0.2)");
        await app.StopAsync();
        return 0;
    }

    private static async Task<int> PageAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query = Page });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        if (body.RootElement.TryGetProperty("errors", out var errors)) throw new InvalidOperationException(errors.ToString());
        return body.RootElement.GetProperty("data").GetProperty("products").GetProperty("edges").GetArrayLength();
    }

    private static async Task<int> RawPageAsync(NpgsqlConnection c)
    {
        const string page = """
            SELECT p.id FROM catalog.products p WHERE p.status = 'Active'
              AND EXISTS (SELECT 1 FROM catalog.product_channels pc WHERE pc.product_id = p.id AND pc.channel = 'web')
              AND p.category_id IN (SELECT k.id FROM catalog.categories k, catalog.categories root WHERE root.code = 'thoi-trang' AND (k.path = root.path OR k.path LIKE root.path || '/%'))
            ORDER BY p.code LIMIT 25
            """;
        await using var grid = await c.QueryMultipleAsync($"""
            SELECT p.id, p.code, p.name, p.slug, p.brand, p.unit, p.vat_rate, p.status, p.description, p.image_urls, c.code, c.name, c.path
            FROM catalog.products p JOIN catalog.categories c ON c.id = p.category_id WHERE p.id IN ({page}) ORDER BY p.code;
            SELECT v.id, v.product_id, v.sku, v.name, v.barcode FROM catalog.variants v WHERE v.product_id IN ({page}) ORDER BY v.product_id, v.position, v.sku;
            SELECT a.variant_id, a.name, a.value FROM catalog.variant_attributes a JOIN catalog.variants v ON v.id = a.variant_id WHERE v.product_id IN ({page}) ORDER BY a.variant_id, a.name;
            """);
        var products = (await grid.ReadAsync()).Count();
        var skus = (await grid.ReadAsync()).Select(v => (string)v.sku).ToArray();
        await grid.ReadAsync();
        var facts = (await c.QueryAsync("""
            SELECT v.sku, v.name, p.code, c.code, c.name, p.brand, p.vat_rate, p.unit, p.status, v.barcode, p.image_urls, c.path,
                   (SELECT string_agg(pc.channel, ',') FROM catalog.product_channels pc WHERE pc.product_id = p.id)
            FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id JOIN catalog.categories c ON c.id = p.category_id WHERE v.sku = ANY(@skus)
            """, new { skus })).Count();
        await using var rules = await c.QueryMultipleAsync("""
            SELECT sku, price, key_item FROM pricing.base_prices WHERE sku = ANY(@skus);
            SELECT sku, price FROM pricing.channel_prices WHERE channel = 'web' AND sku = ANY(@skus);
            SELECT sku, channel, price, valid_from, valid_to FROM pricing.scheduled_prices WHERE sku = ANY(@skus) AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now());
            SELECT sku, segment, price FROM pricing.segment_prices WHERE sku = ANY(@skus);
            SELECT sku, min_quantity, unit_price FROM pricing.quantity_breaks WHERE sku = ANY(@skus);
            SELECT * FROM pricing.promotions WHERE active AND (valid_from IS NULL OR valid_from <= now()) AND (valid_to IS NULL OR valid_to > now());
            """, new { skus });
        for (var i = 0; i < 6; i++) await rules.ReadAsync();
        return products + facts;
    }

    private static async Task<double> LoadAsync(string name, int clients, int seconds, Func<Task<int>> work)
    {
        for (var i = 0; i < clients; i++) await work(); // warm up
        var latencies = new List<double>[clients];
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var mine = latencies[i] = [];
            while (stop.Elapsed < until)
            {
                var t = Stopwatch.GetTimestamp();
                await work();
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        var throughput = all.Count / elapsed;
        Console.WriteLine($"{name,-42} {throughput,8:0.0} pages/s  p50 {all[all.Count / 2],7:0.0} ms  p99 {all[(int)(all.Count * 0.99)],7:0.0} ms  (n={all.Count})");
        return throughput;
    }
}
