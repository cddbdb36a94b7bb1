using System.Diagnostics;
using Npgsql;
using OmniErp.Inventory.Contracts;
using OmniErp.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OmniErp.IntegrationTests.Inventory;

/// <summary>
/// Not a timed test: a measurement, run on demand (<c>OMNIERP_BENCH=1</c>). Reservations per second on PostgreSQL through
/// <c>ReserveStock</c> (MediatR pipeline, validation, unit of work, outbox), spread over many SKUs and on one hot SKU,
/// beside raw Npgsql running the same statements in the same run; printed as figures and ratios.
/// </summary>
public sealed class ReservationBenchmark(ITestOutputHelper output)
{
    private const int Workers = 16;
    private const int PerWorker = 150;
    private const int Skus = 500;

    [SkippableFact]
    public async Task Reservations_per_second_on_postgres_beside_raw_sql()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("OMNIERP_BENCH") == "1", "Benchmark: set OMNIERP_BENCH=1 to run.");
        await using var app = await InventoryTestApp.StartAsync(Db.Postgres);
        await app.ExecuteAsync(
            "INSERT INTO inventory.stock (sku, location, on_hand, reserved, reorder_point, reorder_quantity, updated_at) " +
            "SELECT 'B-' || g, 'WH01', 1000000, 0, 0, 0, now() FROM generate_series(0, @n) g", new { n = Skus });
        await app.ExecuteAsync(
            "INSERT INTO inventory.movements (sku, location, kind, quantity, occurred_at) SELECT sku, location, 'Receipt', on_hand, now() FROM inventory.stock WHERE sku LIKE 'B-%'");
        await using var raw = NpgsqlDataSource.Create(app.Database.ConnectionString);

        // Warm up both paths (JIT, pools, plans).
        await RunAsync(i => app.SendAsync(new ReserveStock("web", "WH01", "warm", [new StockLine("B-1", 1)])), 2, 20);
        await RunAsync(i => RawReserveAsync(raw, "B-1"), 2, 20);

        var many = await RunAsync(i => app.SendAsync(new ReserveStock("web", "WH01", $"b{i}", [new StockLine($"B-{i % Skus}", 1)])), Workers, PerWorker);
        var manyRaw = await RunAsync(i => RawReserveAsync(raw, $"B-{i % Skus}"), Workers, PerWorker);
        var hot = await RunAsync(i => app.SendAsync(new ReserveStock("web", "WH01", $"h{i}", [new StockLine("B-0", 1)])), Workers, PerWorker);
        var hotRaw = await RunAsync(i => RawReserveAsync(raw, "B-0"), Workers, PerWorker);

        output.WriteLine($"PostgreSQL, {Workers} concurrent clients × {PerWorker} reservations of 1 line, machine {Environment.ProcessorCount} cores");
        output.WriteLine($"  many SKUs ({Skus}): ReserveStock {many:0} /s, raw SQL {manyRaw:0} /s, ratio {many / manyRaw:0.00}");
        output.WriteLine($"  one hot SKU:      ReserveStock {hot:0} /s, raw SQL {hotRaw:0} /s, ratio {hot / hotRaw:0.00}");
        Assert.Empty(await app.VerifyLedgerAsync());
    }

    private static async Task<double> RunAsync(Func<int, Task> reserve, int workers, int perWorker)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var k = 0; k < perWorker; k++) await reserve(w * perWorker + k);
        })));
        return workers * perWorker / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The statements ReserveStock runs for one line, without the pipeline around them.</summary>
    private static async Task RawReserveAsync(NpgsqlDataSource source, string sku)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow;
        async Task<object?> Scalar(string sql, params (string, object?)[] args)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return await command.ExecuteScalarAsync();
        }
        await Scalar("SELECT cs.safety_buffer FROM inventory.channel_settings cs LEFT JOIN inventory.channel_locations cl ON cl.channel = cs.channel WHERE cs.channel = 'web' ORDER BY cl.priority, cl.location");
        await tx.SaveAsync("r");
        var reserved = await Scalar(
            "UPDATE inventory.stock SET reserved = reserved + 1, updated_at = @now WHERE sku = @sku AND location = 'WH01' AND on_hand - reserved - 0 >= 1 RETURNING on_hand",
            ("now", now), ("sku", sku));
        if (reserved is null) throw new InvalidOperationException("raw reservation failed");
        await tx.ReleaseAsync("r");
        var id = Guid.CreateVersion7().ToString("N");
        await Scalar("INSERT INTO inventory.reservations (id, channel, location, reference, status, created_at) VALUES (@id, 'web', 'WH01', 'raw', 'Held', @now)", ("id", id), ("now", now));
        await Scalar("INSERT INTO inventory.reservation_lines (reservation_id, sku, quantity) VALUES (@id, @sku, 1)", ("id", id), ("sku", sku));
        await Scalar("INSERT INTO kernel.outbox (id, type, payload, occurred_at, attempts) VALUES (@id, 'StockChanged', '{}', @now, 0)", ("id", id), ("now", now));
        await tx.CommitAsync();
    }
}
