using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Receipts;
using OmniErp.Kernel.Data;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Benchmarks.Orders;

/// <summary>
/// A measured run (not a timed test): orders per second placed over HTTP (GraphQL <c>placeOrder</c> through the whole
/// ASP.NET Core pipeline, in-process test server) by N concurrent signed-in clients, beside "raw SQL": the statements
/// one placeOrder issues, in the same round trips, through the kernel's thin Dapper session at the same concurrency in
/// the same run. Two raw baselines: every statement of the app's log (the token's session, the repeat check, the
/// catalog facts, the price rules, the customer, the locations; then the key claim; the order/lines/timeline/key batch;
/// the reservation batch — savepoint, one conditional stock UPDATE per line, the hold and its lines; the outbox rows in
/// one INSERT; commit; the order read back), and the placing transaction alone (with the repeat check), which was the
/// baseline of earlier runs. Two scenarios: 3-line orders over many SKUs, and 1-line orders all on one hot SKU.
/// Prints throughput, p50/p99, this process's CPU per order, and correctness counts (oversold, lost, duplicated).
/// Run: <c>dotnet run -c Release --project tests/OmniErp.Benchmarks -- orders [postgres|sqlite] [seconds=20] [clients=32] [scale=5]</c>
/// (demo scale 5 gives the pool of 10,000 web SKUs the issue names).
/// </summary>
internal static class PlaceOrderBench
{
    private const string Mutation =
        "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { repeated order { number total { amount } } } }";

    public static async Task<int> RunAsync(string[] args)
    {
        var db = args.ElementAtOrDefault(0)?.ToLowerInvariant() == "sqlite" ? Db.Sqlite : Db.Postgres;
        var seconds = int.Parse(args.ElementAtOrDefault(1) ?? "20", CultureInfo.InvariantCulture);
        var clients = int.Parse(args.ElementAtOrDefault(2) ?? "32", CultureInfo.InvariantCulture);
        var scale = args.ElementAtOrDefault(3) ?? "5";
        var setup = Stopwatch.StartNew();
        // The test host finds its content root through the test assembly's metadata; a console needs to say where it is.
        FindContentRoot();
        await using var app = await TestApp.StartAsync(db, settings: new Dictionary<string, string?>
        {
            ["Database:SeedDemoData"] = "true",
            ["Demo:Scale"] = scale,
            ["Inventory:ReservationSweep:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Error",
        });

        var all = new List<SkuInfo>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await app.SendAsync(new ListSkus(offset, 1000, ProductStatus.Active));
            all.AddRange(page.Where(s => s.Channels.Contains("web")));
            if (page.Count < 1000) break;
        }
        var priced = (await app.SendAsync(new GetPrices("web", all.Select(s => s.Sku).ToList()))).Select(p => p.Sku).ToHashSet();
        var pool = all.Select(s => s.Sku).Where(priced.Contains).Take(10_000).ToArray();
        foreach (var chunk in pool.Chunk(500))
            await app.SendAsync(new ReceiveStock("WH01", "BENCH", chunk.Select(s => new ReceiptLine(s, 1_000_000, 1m)).ToList(), "bench"));
        var hot = pool[0];

        var http = app.CreateClient();
        var tokens = new string[clients];
        for (var i = 0; i < clients; i++) tokens[i] = await RegisterAsync(http, i);
        var quoteLength = 0;
        Console.WriteLine($"# Orders benchmark — {db}, {pool.Length} SKUs (demo scale {scale}), {clients} clients, {seconds} s per run; set-up {setup.Elapsed.TotalSeconds:0} s");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| scenario | path | orders/s | p50 ms | p99 ms | placed | refused | errors | CPU ms/order | ratio HTTP/raw |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");

        var correctness = new List<string>();
        // OMNIERP_BENCH_SCENARIO=many or hot: one scenario only.
        var only = Environment.GetEnvironmentVariable("OMNIERP_BENCH_SCENARIO");
        foreach (var (name, lineCount, hotOnly) in new[] { ("3 lines over many SKUs", 3, false), ("1 line on one hot SKU", 1, true) })
        {
            if (only is "many" && hotOnly || only is "hot" && !hotOnly) continue;
            Func<Random, string[]> pick = hotOnly ? _ => [hot] : r => PickDistinct(r, pool, lineCount);
            var hotBefore = await StockAsync(app, hot);

            // Warm-up (JIT, pools, caches), not measured.
            await HttpRunAsync(http, tokens, pick, TimeSpan.FromSeconds(3), "warm-" + name.GetHashCode());
            if (quoteLength == 0)
                quoteLength = (int)await app.ScalarAsync<long>("SELECT MAX(LENGTH(quote)) FROM orders.orders WHERE placed_by LIKE 'customer:%'");
            // OMNIERP_BENCH_HTTP_ONLY=1: the HTTP runs alone (for a profiler attached to this process).
            var httpOnly = Environment.GetEnvironmentVariable("OMNIERP_BENCH_HTTP_ONLY") == "1";
            if (!httpOnly) await RawRunAsync(app, clients, pick, TimeSpan.FromSeconds(2), quoteLength, "warmraw");

            var raw = httpOnly ? new RunResult { Seconds = 1 } : await RawRunAsync(app, clients, pick, TimeSpan.FromSeconds(seconds), quoteLength, "raw" + (hotOnly ? "h" : "m"));
            var writes = httpOnly ? new RunResult { Seconds = 1 } : await RawRunAsync(app, clients, pick, TimeSpan.FromSeconds(seconds), quoteLength, "raww" + (hotOnly ? "h" : "m"), reads: false);
            var tag = "run-" + (hotOnly ? "hot-" : "many-") + Guid.NewGuid().ToString("N")[..6];
            var web = await HttpRunAsync(http, tokens, pick, TimeSpan.FromSeconds(seconds), tag);
            Console.WriteLine($"| {name} | raw SQL, every statement of the app's log | {raw.PerSecond:0.0} | {raw.P50:0.0} | {raw.P99:0.0} | {raw.Placed} | {raw.Refused} | {raw.Errors} | {raw.CpuPerOrder:0.00} | |");
            Console.WriteLine($"| {name} | raw SQL, placing transaction only | {writes.PerSecond:0.0} | {writes.P50:0.0} | {writes.P99:0.0} | {writes.Placed} | {writes.Refused} | {writes.Errors} | {writes.CpuPerOrder:0.00} | |");
            Console.WriteLine($"| {name} | HTTP placeOrder | {web.PerSecond:0.0} | {web.P50:0.0} | {web.P99:0.0} | {web.Placed} | {web.Refused} | {web.Errors} | {web.CpuPerOrder:0.00} | **{web.PerSecond / raw.PerSecond:0.00}** (transaction only: {web.PerSecond / writes.PerSecond:0.00}) |");

            // Correctness of the HTTP run: every acknowledged order is stored once, retries made nothing new, stock never oversold.
            var numbers = web.Numbers.Values.ToArray();
            var stored = 0L;
            foreach (var chunk in numbers.Chunk(500))
                stored += await app.ScalarAsync<long>(app.Database.Dialect.Lists("SELECT COUNT(*) FROM orders.orders WHERE number IN @n"), new { n = app.Database.Dialect.ListValue(chunk) });
            var keys = await app.ScalarAsync<long>("SELECT COUNT(*) FROM orders.idempotency_keys WHERE idempotency_key LIKE @p AND order_id IS NOT NULL", new { p = tag + "%" });
            var lost = numbers.Length - stored;
            var duplicated = keys - web.Numbers.Count + web.RetryMismatches;
            var hotAfter = await StockAsync(app, hot);
            var oversold = Math.Max(0, hotAfter.Reserved - hotAfter.OnHand);
            correctness.Add($"{name}: acknowledged {numbers.Length}, stored {stored}, lost {lost}, duplicated {duplicated} (retries re-sent {web.Retries}, answered with another order {web.RetryMismatches}), " +
                            $"oversold {oversold} (hot SKU on hand {hotAfter.OnHand}, reserved {hotBefore.Reserved} → {hotAfter.Reserved})");
        }
        Console.WriteLine();
        foreach (var line in correctness) Console.WriteLine("- " + line);
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>
    /// Where the app's CPU per order goes: one client, one thing at a time, this process's CPU time per operation for
    /// the raw transaction, placeOrder over HTTP, PlaceOrder sent in-process (no HTTP, no GraphQL), the quote alone, and
    /// an authenticated no-op GraphQL request. Run: <c>… -- orders-cpu [postgres|sqlite] [seconds=5]</c>.
    /// </summary>
    public static async Task<int> BreakdownAsync(string[] args)
    {
        var db = args.ElementAtOrDefault(0)?.ToLowerInvariant() == "postgres" ? Db.Postgres : Db.Sqlite;
        var seconds = int.Parse(args.ElementAtOrDefault(1) ?? "5", CultureInfo.InvariantCulture);
        FindContentRoot();
        await using var app = await TestApp.StartAsync(db, settings: new Dictionary<string, string?>
        {
            ["Database:SeedDemoData"] = "true", ["Demo:Scale"] = "0.5", ["Inventory:ReservationSweep:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Error",
        });
        var skus = (await app.SendAsync(new ListSkus(0, 1000, ProductStatus.Active))).Where(s => s.Channels.Contains("web")).Select(s => s.Sku).ToList();
        var priced = (await app.SendAsync(new GetPrices("web", skus))).Select(p => p.Sku).ToHashSet();
        var pool = skus.Where(priced.Contains).ToArray();
        await app.SendAsync(new ReceiveStock("WH01", "BENCH", pool.Select(s => new ReceiptLine(s, 1_000_000, 1m)).ToList(), "bench"));
        var http = app.CreateClient();
        var token = await RegisterAsync(http, 0);
        Func<Random, string[]> pick = r => PickDistinct(r, pool, 3);
        var quoteLength = 3000;
        if (db == Db.Postgres && Environment.GetEnvironmentVariable("OMNIERP_BENCH_STATEMENTS") == "1")
        {
            await HttpRunAsync(http, [token], pick, TimeSpan.FromSeconds(1), "stmt-warm");
            var dir = await app.ScalarAsync<string>("SHOW data_directory") ?? "";
            await app.ScalarAsync<int?>("ALTER SYSTEM SET log_statement = 'all'");
            await app.ScalarAsync<bool>("SELECT pg_reload_conf()");
            await Task.Delay(500);
            var before = new FileInfo(Path.Combine(dir, "server.log")).Length;
            await PlaceAsync(http, token, new { input = new { lines = pick(new Random(1)).Select(s => new { sku = s, quantity = 1 }).ToArray(), deliveryAddress = "12 Lý Thái Tổ", idempotencyKey = "stmt-1" } });
            await Task.Delay(500);
            await using var log = new FileStream(Path.Combine(dir, "server.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(before, SeekOrigin.Begin);
            Console.WriteLine(await new StreamReader(log).ReadToEndAsync());
            return 0;
        }

        async Task<(double Ms, int N, double Kb)> Measure(Func<int, Task> op)
        {
            for (var i = 0; i < 30; i++) await op(-1 - i);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            var n = 0;
            while (clock.Elapsed.TotalSeconds < seconds) await op(n++);
            return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n, n, (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / n);
        }

        var random = new Random(7);
        var rows = new List<(string, double, int, double)>();
        var allocated = GC.GetTotalAllocatedBytes();
        var raw = await RawRunAsync(app, 1, pick, TimeSpan.FromSeconds(seconds), quoteLength, "cpuraw");
        rows.Add(("raw SQL, every statement of the app's log", raw.CpuPerOrder, raw.Placed, (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / raw.Placed));
        allocated = GC.GetTotalAllocatedBytes();
        var writes = await RawRunAsync(app, 1, pick, TimeSpan.FromSeconds(seconds), quoteLength, "cpuraww", reads: false);
        rows.Add(("raw SQL, placing transaction only", writes.CpuPerOrder, writes.Placed, (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / writes.Placed));
        allocated = GC.GetTotalAllocatedBytes();
        var web = await HttpRunAsync(http, [token], pick, TimeSpan.FromSeconds(seconds), "cpuweb");
        rows.Add(("placeOrder over HTTP (GraphQL)", web.CpuPerOrder, web.Placed, (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / web.Placed));
        var tag = Guid.NewGuid().ToString("N")[..6];
        var m = await Measure(async n => await app.SendAsync(new OmniErp.Orders.Contracts.PlaceOrder("web", $"cpu-{tag}-{n}",
            pick(random).Select(s => new OmniErp.Orders.Contracts.OrderLineRequest(s, 1)).ToList(), "delivery", DeliveryAddress: "12 Lý Thái Tổ", PlacedBy: "bench")));
        rows.Add(("PlaceOrder in-process (no HTTP, no GraphQL)", m.Ms, m.N, m.Kb));
        var buyer = await app.ScalarAsync<long>("SELECT MAX(customer_id) FROM customers.sessions");
        m = await Measure(async n => await app.SendAsync(new OmniErp.Orders.Contracts.PlaceOrder("web", $"cpuc-{tag}-{n}",
            pick(random).Select(s => new OmniErp.Orders.Contracts.OrderLineRequest(s, 1)).ToList(), "delivery", DeliveryAddress: "12 Lý Thái Tổ", PlacedBy: "bench", CustomerId: buyer)));
        rows.Add(("PlaceOrder in-process for a signed-in customer", m.Ms, m.N, m.Kb));
        var repeat = new OmniErp.Orders.Contracts.PlaceOrder("web", $"cpu-{tag}-repeat",
            pick(random).Select(s => new OmniErp.Orders.Contracts.OrderLineRequest(s, 1)).ToList(), "delivery", DeliveryAddress: "12 Lý Thái Tổ", PlacedBy: "bench");
        await app.SendAsync(repeat);
        m = await Measure(async _ => await app.SendAsync(repeat));
        rows.Add(("PlaceOrder repeated (answered before pricing)", m.Ms, m.N, m.Kb));
        m = await Measure(async _ => await app.SendAsync(new GetQuote("web", pick(random).Select(s => new QuoteLineRequest(s, 1)).ToList())));
        rows.Add(("GetQuote in-process (3 lines)", m.Ms, m.N, m.Kb));
        m = await Measure(async _ => await app.SendAsync(new GetSkus(pick(random))));
        rows.Add(("GetSkus in-process (3 SKUs)", m.Ms, m.N, m.Kb));
        m = await Measure(async _ => await app.SendAsync(new OmniErp.Inventory.Contracts.GetLocations()));
        rows.Add(("GetLocations in-process", m.Ms, m.N, m.Kb));
        m = await Measure(async _ => await app.ScalarAsync<long>("SELECT COUNT(*) FROM orders.orders WHERE number = 'x'"));
        rows.Add(("one trivial SELECT (scope, connection, statement)", m.Ms, m.N, m.Kb));
        m = await Measure(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsStringAsync();
        });
        rows.Add(("authenticated `{ __typename }` over HTTP", m.Ms, m.N, m.Kb));

        Console.WriteLine($"# Orders CPU breakdown — {db}, one client, {seconds} s each; load average {LoadAverage()}");
        Console.WriteLine("| operation | CPU ms per operation (this process) | KB allocated per operation | operations |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, ms, n, kb) in rows) Console.WriteLine($"| {name} | {ms:0.00} | {kb:0} | {n} |");
        return 0;
    }

    private static void FindContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "OmniErp.Host")))
            {
                Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_OMNIERP_HOST", Path.Combine(dir.FullName, "src", "OmniErp.Host"));
                return;
            }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string[] PickDistinct(Random r, string[] pool, int n)
    {
        var chosen = new HashSet<string>();
        while (chosen.Count < n) chosen.Add(pool[r.Next(pool.Length)]);
        return chosen.ToArray();
    }

    private static async Task<(int OnHand, int Reserved)> StockAsync(TestApp app, string sku)
    {
        var level = (await app.SendAsync(new GetStockLevels([sku], ["WH01"]))).Single();
        return (level.OnHand, level.Reserved);
    }

    private static async Task<string> RegisterAsync(HttpClient http, int i)
    {
        var phone = "0356" + (100000 + i).ToString(CultureInfo.InvariantCulture);
        var response = await http.PostAsJsonAsync("/graphql", new
        {
            query = "mutation($phone: String) { register(input: { name: \"Khách thử tải\", phone: $phone, password: \"mat-khau-2026\" }) { accessToken } }",
            variables = new { phone },
        });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("data").GetProperty("register").GetProperty("accessToken").GetString()!;
    }

    private sealed class RunResult
    {
        public ConcurrentBag<double> Latencies { get; } = [];
        public ConcurrentDictionary<string, string> Numbers { get; } = new();
        public int Placed;
        public int Refused;
        public int Errors;
        public int Retries;
        public int RetryMismatches;
        public double Seconds;
        public TimeSpan Cpu;
        public double PerSecond => Placed / Seconds;
        /// <summary>This process's CPU time (client, server and driver; not the database server's) per order placed.</summary>
        public double CpuPerOrder => Placed == 0 ? double.NaN : Cpu.TotalMilliseconds / Placed;
        public double P50 => Percentile(0.50);
        public double P99 => Percentile(0.99);

        private double Percentile(double p)
        {
            var sorted = Latencies.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }

    private static async Task<RunResult> HttpRunAsync(HttpClient http, string[] tokens, Func<Random, string[]> pick, TimeSpan duration, string tag)
    {
        var result = new RunResult();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(tokens.Select((token, c) => Task.Run(async () =>
        {
            var random = new Random(c * 7919 + tag.Length);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var key = $"{tag}-{c}-{n}";
                var lines = pick(random).Select(s => new { sku = s, quantity = 1 }).ToArray();
                var variables = new { input = new { lines, deliveryAddress = "12 Lý Thái Tổ, Hoàn Kiếm, Hà Nội", idempotencyKey = key } };
                var started = Stopwatch.GetTimestamp();
                var (number, code) = await PlaceAsync(http, token, variables);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (number is not null)
                {
                    result.Latencies.Add(ms);
                    Interlocked.Increment(ref result.Placed);
                    result.Numbers[key] = number;
                    if (n % 20 == 0) // a client that did not hear the answer retries with the same key
                    {
                        Interlocked.Increment(ref result.Retries);
                        var (again, _) = await PlaceAsync(http, token, variables);
                        if (again != number) Interlocked.Increment(ref result.RetryMismatches);
                    }
                }
                else if (code == "ORDER_REFUSED") Interlocked.Increment(ref result.Refused);
                else Interlocked.Increment(ref result.Errors);
            }
        })));
        result.Seconds = clock.Elapsed.TotalSeconds;
        result.Cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return result;
    }

    private static async Task<(string? Number, string? Code)> PlaceAsync(HttpClient http, string token, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Mutation, variables }) };
        request.Headers.Authorization = new("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.GetProperty("placeOrder").ValueKind == JsonValueKind.Object)
                return (data.GetProperty("placeOrder").GetProperty("order").GetProperty("number").GetString(), null);
            return (null, body.TryGetProperty("errors", out var e) && e[0].TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : "HTTP");
        }
        catch (HttpRequestException) { return (null, "HTTP"); }
    }

    /// <summary>
    /// The statements one placeOrder issues, statement for statement and round trip for round trip, without the
    /// application around them (no HTTP, GraphQL, MediatR, pricing engine or JSON). With <paramref name="reads"/>: every
    /// statement in the app's statement log (<c>OMNIERP_BENCH_STATEMENTS=1 … orders-cpu postgres</c> prints it): the
    /// bearer token's session, the repeat check, the catalog facts, the price rules, the customer's group and tier, the
    /// locations for sourcing, the placing transaction, and the order read back for the answer. Without: only the
    /// repeat check and the placing transaction (the baseline of earlier runs, kept for comparison).
    /// </summary>
    private static async Task<RunResult> RawRunAsync(TestApp app, int clients, Func<Random, string[]> pick, TimeSpan duration, int quoteLength, string tag,
        bool reads = true)
    {
        var result = new RunResult();
        var quote = "{\"q\":\"" + new string('x', Math.Max(0, quoteLength - 8)) + "\"}";
        var dialect = app.Database.Dialect;
        var sessions = (await app.InScopeAsync(sp => sp.GetRequiredService<DbSession>().QueryAsync<(string Hash, long CustomerId)>(
            "SELECT access_hash, customer_id FROM customers.sessions WHERE revoked_at IS NULL ORDER BY customer_id DESC LIMIT 64"))).ToArray();
        var skuSql = RawReads.Skus(dialect);
        var rulesSql = RawReads.Rules(dialect);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c * 104729 + tag.Length);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var skus = pick(random).Order(StringComparer.Ordinal).ToArray();
                var key = $"{tag}-{Guid.NewGuid():N}";
                var number = "RAW-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var session = scope.ServiceProvider.GetRequiredService<DbSession>();
                    var now = DateTimeOffset.UtcNow;
                    var (hash, customerId) = sessions[c % sessions.Length];
                    if (reads) await session.ExecuteScalarAsync<long?>(RawReads.Session, new { hash, now });
                    // Before the transaction, as the app: is this key a repeat?
                    await session.QuerySingleOrDefaultAsync<OmniErp.Orders.Placing.PlaceOrderHandler.KeyRow>(RawReads.Repeat, new { Channel = "web", IdempotencyKey = key });
                    if (reads)
                    {
                        (await session.QueryAsync<OmniErp.Catalog.Skus.SkuSql.Row>(skuSql, new { chunk = dialect.ListValue(skus) })).AsList();
                        await session.QueryMultipleAsync(rulesSql, new { skus = dialect.ListValue(skus), channel = "web", at = now }, async grid =>
                        {
                            (await grid.ReadAsync<(string, decimal, bool)>()).AsList();
                            (await grid.ReadAsync<(string, decimal)>()).AsList();
                            (await grid.ReadAsync<(string, string?, decimal, DateTimeOffset, DateTimeOffset?)>()).AsList();
                            (await grid.ReadAsync<(string, string, decimal)>()).AsList();
                            (await grid.ReadAsync<(string, long, decimal)>()).AsList();
                            return (await grid.ReadAsync<OmniErp.Pricing.Quotes.PriceBookLoader.PromotionRow>()).AsList();
                        });
                        await session.QuerySingleOrDefaultAsync<OmniErp.Customers.Profiles.CustomerDirectory.SummaryRow>(RawReads.Customer, new { id = customerId });
                        (await session.QueryAsync<OmniErp.Inventory.Locations.LocationRow>(RawReads.Locations, new { Active = true })).AsList();
                    }
                    await session.BeginAsync();
                    await session.ExecuteAsync(
                        "INSERT INTO orders.idempotency_keys (channel, idempotency_key, request_hash, order_id, created_at) VALUES ('web', @key, 'h', NULL, @now) ON CONFLICT DO NOTHING",
                        new { key, now });
                    // As the app: the order batch before the reservation, so the stock rows are locked for fewer statements.
                    var reservation = Guid.CreateVersion7().ToString("N");
                    var batch = new System.Text.StringBuilder(
                        """
                        INSERT INTO orders.orders (number, channel, fulfilment, status, payment_status, payment_method, customer_id, location, sourcing_reason,
                            reservation_id, currency, subtotal, discount_total, vat_total, total, amount_paid, refunded_amount, delivery_address, external_id,
                            coupon_codes, quote, placed_by, placed_at, updated_at, points_redeemed)
                        VALUES (@number, 'web', 'delivery', 'placed', 'unpaid', 'cod', NULL, 'WH01', 'Delivery: warehouse WH01 has every line (warehouse first).', @reservation, 'VND', 100000, 0, 9090, 100000, 0, 0,
                            '12 Lý Thái Tổ', NULL, NULL, @quote, 'raw', @now, @now, 0)
                        RETURNING id;
                        """);
                    const string OrderId = "(SELECT id FROM orders.orders WHERE number = @number)";
                    batch.Append("INSERT INTO orders.order_lines (order_id, line_no, sku, name, quantity, list_unit_price, unit_price, discount_total, line_total, vat_rate, vat_amount, discounts, returned_quantity) VALUES ")
                        .AppendJoin(",\n    ", skus.Select((_, i) => $"({OrderId}, {i + 1}, @s{i}, NULL, 1, 100000, 100000, 0, 100000, 10, 9090, '[]', 0)")).Append(";\n");
                    batch.Append(CultureInfo.InvariantCulture, $"INSERT INTO orders.order_events (order_id, action, from_status, to_status, actor, note, occurred_at) VALUES ({OrderId}, 'place', NULL, 'placed', 'raw', 'raw', @now);\n");
                    batch.Append(CultureInfo.InvariantCulture, $"UPDATE orders.idempotency_keys SET order_id = {OrderId} WHERE channel = 'web' AND idempotency_key = @key;");
                    var args = new Dapper.DynamicParameters(new { number, reservation, quote, now, key });
                    for (var i = 0; i < skus.Length; i++) args.Add($"s{i}", skus[i]);
                    await session.ExecuteScalarAsync<long>(batch.ToString(), args);
                    // The reservation: savepoint, one conditional UPDATE per line checking the channel's rules, the hold and its lines, in one round trip.
                    var reserve = new System.Text.StringBuilder("SAVEPOINT inventory_reserve;\n");
                    var reserveArgs = new Dapper.DynamicParameters(new { reservation, number, now });
                    for (var i = 0; i < skus.Length; i++)
                    {
                        reserve.Append(CultureInfo.InvariantCulture, $"""
                            UPDATE inventory.stock SET reserved = reserved + 1, updated_at = @now
                            WHERE sku = @k{i} AND location = 'WH01'
                              AND on_hand - reserved - (SELECT cs.safety_buffer FROM inventory.channel_settings cs WHERE cs.channel = 'web') >= 1
                              AND 1 <= COALESCE((SELECT cs.quota FROM inventory.channel_settings cs WHERE cs.channel = 'web'), 1)
                              AND EXISTS (SELECT 1 FROM inventory.channel_locations cl WHERE cl.channel = 'web' AND cl.location = 'WH01')
                            RETURNING sku AS Sku, on_hand AS OnHand, reserved AS Reserved;

                            """);
                        reserveArgs.Add($"k{i}", skus[i]);
                    }
                    reserve.Append("INSERT INTO inventory.reservations (id, channel, location, reference, status, created_at, expires_at) VALUES (@reservation, 'web', 'WH01', @number, 'Held', @now, NULL);\n");
                    reserve.Append("INSERT INTO inventory.reservation_lines (reservation_id, sku, quantity) VALUES ")
                        .AppendJoin(", ", skus.Select((_, i) => $"(@reservation, @k{i}, 1)")).Append(';');
                    var fitted = await session.QueryMultipleAsync(reserve.ToString(), reserveArgs, async grid =>
                    {
                        var rows = 0;
                        for (var i = 0; i < skus.Length; i++) rows += (await grid.ReadAsync<StockRow>()).Count();
                        return rows;
                    });
                    if (fitted < skus.Length) { await session.RollbackAsync(); Interlocked.Increment(ref result.Refused); continue; }

                    // The outbox: OrderPlaced and one StockChanged per line, in one multi-row INSERT.
                    var events = new Dapper.DynamicParameters(new { now });
                    var outboxRows = string.Join(", ", Enumerable.Range(0, skus.Length + 1).Select(e =>
                    {
                        events.Add($"id{e}", Guid.NewGuid().ToString("N"));
                        events.Add($"p{e}", "{\"number\":\"" + number + "\"}");
                        return $"(@id{e}, 'bench', @p{e}, @now, 0)";
                    }));
                    await session.ExecuteAsync($"INSERT INTO kernel.outbox (id, type, payload, occurred_at, attempts) VALUES {outboxRows}", events);
                    await session.CommitAsync();
                    // The answer: the order read back by its number.
                    if (reads) await session.QuerySingleOrDefaultAsync<OmniErp.Orders.Orders.OrderDetailHeader>(RawReads.Header, new { Number = number });
                    result.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref result.Placed);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref result.Errors);
                }
            }
        })));
        result.Seconds = clock.Elapsed.TotalSeconds;
        result.Cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return result;
    }

    private sealed class StockRow
    {
        public int OnHand { get; init; }
        public int Reserved { get; init; }
    }
}
