using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Reports.Export;

namespace OmniErp.Benchmarks.Reports;

/// <summary>
/// A measured run (not a timed test): exports N order lines from PostgreSQL to CSV and to XLSX through the Reports
/// module's writers, beside PostgreSQL's own <c>COPY … TO STDOUT (FORMAT csv)</c> of the same rows, and reports rows/s,
/// time to first byte, and the peak growth of the managed heap and of the working set while each runs.
/// Output goes to a counting sink, so disk speed is not measured.
/// Run: <c>dotnet run -c Release --project tests/OmniErp.Benchmarks -- reports [rows…]</c> (default 1000000).
/// Uses <c>OMNIERP_TEST_POSTGRES</c> if set, else starts a throwaway server from the local binaries.
/// </summary>
internal static class ExportBenchmark
{
    private const string Select =
        """
        SELECT number, placed_at, channel, location, sku, name, quantity, unit_price, discount_total, line_total, vat_rate, vat_amount
        FROM bench_order_lines ORDER BY id LIMIT @Rows
        """;

    private static readonly ReportColumn[] Columns =
    [
        new("Order", ColumnType.Text), new("Placed at (UTC)", ColumnType.Timestamp), new("Channel", ColumnType.Text),
        new("Store", ColumnType.Text), new("SKU", ColumnType.Text), new("Product", ColumnType.Text),
        new("Quantity", ColumnType.Integer, Total: true), new("Unit price", ColumnType.Decimal), new("Discount", ColumnType.Decimal, Total: true),
        new("Net", ColumnType.Decimal, Total: true), new("VAT rate", ColumnType.Integer), new("VAT", ColumnType.Decimal, Total: true),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length == 0 ? [1_000_000] : args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var admin = await PostgresServer.AdminConnectionStringAsync() ?? throw new InvalidOperationException("No PostgreSQL: set OMNIERP_TEST_POSTGRES or install the server binaries.");
        var connectionString = await CreateDatabaseAsync(admin, sizes.Max());

        Console.WriteLine($"| rows | export | seconds | rows/s | first byte ms | MB written | peak managed heap growth MB | peak working set growth MB | client CPU s |");
        Console.WriteLine($"|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var rows in sizes)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            async Task<long> Copy(CountingSink sink)
            {
                using var reader = await connection.BeginTextExportAsync(
                    $"COPY ({Select.Replace("@Rows", rows.ToString(CultureInfo.InvariantCulture))}) TO STDOUT (FORMAT csv, HEADER)");
                var chars = new char[64 * 1024];
                var bytes = new byte[Encoding.UTF8.GetMaxByteCount(chars.Length)];
                int read;
                while ((read = await reader.ReadAsync(chars, 0, chars.Length)) > 0)
                    await sink.WriteAsync(bytes.AsMemory(0, Encoding.UTF8.GetBytes(chars, 0, read, bytes, 0)));
                return rows;
            }
            await MeasureAsync(rows, "COPY … TO STDOUT (csv)", Copy);
            if (Detail)
            {
                await MeasureAsync(rows, "(detail) read only: Read() + typed getters", async _ =>
                {
                    await using var reader = await Command(connection, rows).ExecuteReaderAsync();
                    return ReadOnly(reader, sync: true).GetAwaiter().GetResult();
                });
                await MeasureAsync(rows, "(detail) read only: Read(), text as UTF-8 byte[]", async _ =>
                {
                    await using var reader = await Command(connection, rows).ExecuteReaderAsync();
                    long n = 0, sum = 0;
                    while (reader.Read())
                    {
                        foreach (var i in new[] { 0, 2, 3, 4, 5 }) sum += reader.GetFieldValue<byte[]>(i).Length;
                        sum += reader.GetDateTime(1).Second + reader.GetInt32(6) + reader.GetInt32(10);
                        for (var i = 7; i < 10; i++) sum += (long)reader.GetDecimal(i);
                        sum += (long)reader.GetDecimal(11);
                        n++;
                    }
                    GC.KeepAlive(sum);
                    return n;
                });
                await MeasureAsync(rows, "(detail) read only: Read() only", async _ =>
                {
                    await using var reader = await Command(connection, rows).ExecuteReaderAsync();
                    long n = 0;
                    while (reader.Read()) n++;
                    return n;
                });
                await MeasureAsync(rows, "(detail) read only: ReadAsync() + typed getters", async _ =>
                {
                    await using var reader = await Command(connection, rows).ExecuteReaderAsync();
                    return await ReadOnly(reader, sync: false);
                });
            }
            await MeasureAsync(rows, "CSV (PostgresCsv: COPY binary, the export's path)", async sink =>
                await PostgresCsv.TryWriteAsync(connection, Select, new Dictionary<string, object?> { ["Rows"] = rows }, Columns, sink, null, CancellationToken.None)
                ?? throw new InvalidOperationException("PostgresCsv declined the benchmark's columns"));
            await MeasureAsync(rows, "CSV (CsvExport: data reader, two stages)", async sink =>
            {
                await using var reader = await Command(connection, rows).ExecuteReaderAsync();
                return await CsvExport.WriteAsync(reader, Columns, sink, null, CancellationToken.None);
            });
            // COPY again after the exports: the first run follows the table's generation (checkpoint, hint bits), so
            // compare each export with both.
            await MeasureAsync(rows, "COPY … TO STDOUT (csv), again", Copy);
            await MeasureAsync(rows, "XLSX (XlsxExport)", async sink =>
            {
                await using var reader = await Command(connection, rows).ExecuteReaderAsync();
                return XlsxExport.Write(reader, Columns, "Order lines", sink, null, CancellationToken.None);
            });
        }

        // SQLite: the same rows in a file database, CSV only (the target is 200,000 rows/s).
        var sqlite = CreateSqlite(sizes.Max());
        foreach (var rows in sizes)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(sqlite);
            await connection.OpenAsync();
            if (Detail)
                await MeasureAsync(rows, "(detail) SQLite read only: Read() + typed getters", async _ =>
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = Select.Replace("@Rows", rows.ToString(CultureInfo.InvariantCulture));
                    await using var reader = await command.ExecuteReaderAsync();
                    return await ReadOnly(reader, sync: true);
                });
            await MeasureAsync(rows, "SQLite CSV (SqliteCsv: stepping on the handle, the export's path)", async sink =>
                await SqliteCsv.TryWriteAsync(connection, Select, new Dictionary<string, object?> { ["Rows"] = rows }, Columns, sink, null, CancellationToken.None)
                ?? throw new InvalidOperationException("SqliteCsv declined the benchmark's statement"));
            await MeasureAsync(rows, "SQLite CSV (CsvExport: data reader, two stages)", async sink =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Select.Replace("@Rows", rows.ToString(CultureInfo.InvariantCulture));
                await using var reader = await command.ExecuteReaderAsync();
                return await CsvExport.WriteAsync(reader, Columns, sink, null, CancellationToken.None);
            });
        }
        return 0;
    }

    /// <summary><c>OMNIERP_BENCH_DETAIL=1</c>: also time the read loop alone (typed getters, no formatting, no output),
    /// to see where the export's time goes.</summary>
    private static bool Detail => Environment.GetEnvironmentVariable("OMNIERP_BENCH_DETAIL") == "1";

    private static async Task<long> ReadOnly(System.Data.Common.DbDataReader reader, bool sync)
    {
        long rows = 0, sum = 0;
        while (sync ? reader.Read() : await reader.ReadAsync())
        {
            sum += reader.GetString(0).Length + reader.GetString(2).Length + reader.GetString(3).Length + reader.GetString(4).Length + reader.GetString(5).Length;
            sum += reader.GetFieldType(1) == typeof(string) ? reader.GetString(1).Length : reader.GetDateTime(1).Second;
            sum += reader.GetFieldType(6) == typeof(int) ? reader.GetInt32(6) : reader.GetInt64(6);
            for (var i = 7; i < 10; i++) sum += reader.GetFieldType(i) == typeof(decimal) ? (long)reader.GetDecimal(i) : reader.GetInt64(i);
            sum += reader.GetFieldType(10) == typeof(int) ? reader.GetInt32(10) : reader.GetInt64(10);
            sum += reader.GetFieldType(11) == typeof(decimal) || reader.GetFieldType(11) == typeof(double) ? (long)reader.GetDecimal(11) : reader.GetInt64(11);
            rows++;
        }
        GC.KeepAlive(sum);
        return rows;
    }

    private static string CreateSqlite(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), "omnierp_bench_reports.db");
        var connectionString = $"Data Source={path}";
        using var db = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        db.Open();
        using (var count = db.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'bench_order_lines'";
            if ((long)count.ExecuteScalar()! > 0)
            {
                count.CommandText = "SELECT COUNT(*) FROM bench_order_lines";
                if ((long)count.ExecuteScalar()! >= rows) return connectionString;
            }
        }
        var clock = Stopwatch.StartNew();
        using var create = db.CreateCommand();
        create.CommandText =
            $"""
            DROP TABLE IF EXISTS bench_order_lines;
            CREATE TABLE bench_order_lines (id INTEGER PRIMARY KEY, number TEXT, placed_at TEXT, channel TEXT, location TEXT, sku TEXT, name TEXT,
                quantity INTEGER, unit_price NUMERIC, discount_total NUMERIC, line_total NUMERIC, vat_rate INTEGER, vat_amount NUMERIC);
            WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {rows})
            INSERT INTO bench_order_lines
            SELECT n, 'DH' || printf('%08d', n / 3), strftime('%Y-%m-%d %H:%M:%S+00:00', '2026-01-01', '+' || (n % 28000000) || ' seconds'),
                   CASE n % 3 WHEN 0 THEN 'store' WHEN 1 THEN 'web' ELSE 'shopee' END,
                   CASE n % 4 WHEN 0 THEN 'HN01' WHEN 1 THEN 'HCM01' WHEN 2 THEN 'DN01' ELSE 'WH01' END,
                   'AK' || printf('%05d', n % 5000) || '-M-TRG',
                   CASE n % 4 WHEN 0 THEN 'Áo blazer chống nắng Mộc Lan - Trắng, M' WHEN 1 THEN 'Serum nghệ Hưng Yên "Lụa" Hà Đông - 50ml'
                              WHEN 2 THEN 'Đầm suông hoa nhí Tràng An - Be, XL' ELSE 'Toner trà xanh Sông Hàn - 30ml' END,
                   1 + n % 5, 100000 + (n % 900) * 1000, (n % 7) * 5000, (1 + n % 5) * (100000 + (n % 900) * 1000) - (n % 7) * 5000,
                   CASE n % 4 WHEN 0 THEN 0 WHEN 1 THEN 5 WHEN 2 THEN 8 ELSE 10 END,
                   round(((1 + n % 5) * (100000 + (n % 900) * 1000) - (n % 7) * 5000) * (CASE n % 4 WHEN 0 THEN 0 WHEN 1 THEN 5 WHEN 2 THEN 8 ELSE 10 END)
                         / (100.0 + (CASE n % 4 WHEN 0 THEN 0 WHEN 1 THEN 5 WHEN 2 THEN 8 ELSE 10 END)), 4)
            FROM g;
            """;
        create.ExecuteNonQuery();
        Console.WriteLine($"Generated {rows:N0} SQLite order lines in {clock.Elapsed.TotalSeconds:0.0} s");
        return connectionString;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, int rows)
    {
        var command = new NpgsqlCommand(Select.Replace("@Rows", "$1"), connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = rows });
        return command;
    }

    /// <summary><c>OMNIERP_BENCH_ONLY=PostgresCsv,COPY</c>: measure only the exports whose name contains one of these
    /// (to profile one of them).</summary>
    private static readonly string[]? Only = Environment.GetEnvironmentVariable("OMNIERP_BENCH_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static async Task MeasureAsync(int rows, string name, Func<CountingSink, Task<long>> export)
    {
        if (Only is not null && !Only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase))) return;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var heap0 = GC.GetTotalMemory(true);
        process.Refresh();
        var ws0 = process.WorkingSet64;
        long heapPeak = heap0, wsPeak = ws0;
        using var cts = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                process.Refresh();
                wsPeak = Math.Max(wsPeak, process.WorkingSet64);
                try { await Task.Delay(10, cts.Token); } catch (OperationCanceledException) { }
            }
        });

        var sink = new CountingSink();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        sink.Clock = clock;
        var written = await export(sink);
        clock.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        await cts.CancelAsync();
        await sampler;
        if (written != rows) throw new InvalidOperationException($"{name}: {written} rows, expected {rows}");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {rows:N0} | {name} | {clock.Elapsed.TotalSeconds:0.00} | {rows / clock.Elapsed.TotalSeconds:N0} | {sink.FirstByte?.TotalMilliseconds:0} | {sink.Length / 1048576.0:0.0} | {(heapPeak - heap0) / 1048576.0:0.0} | {(wsPeak - ws0) / 1048576.0:0.0} | {cpu.TotalSeconds:0.00} |"));
    }

    private static async Task<string> CreateDatabaseAsync(string admin, int rows)
    {
        const string database = "omnierp_bench_reports";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            var exists = await new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", connection).ExecuteScalarAsync() is not null;
            if (!exists) await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString();
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var have = await new NpgsqlCommand("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'bench_order_lines'", db).ExecuteScalarAsync() is long n && n > 0
            ? (long)(await new NpgsqlCommand("SELECT COUNT(*) FROM bench_order_lines", db).ExecuteScalarAsync())!
            : 0;
        if (have >= rows) return connectionString;

        var clock = Stopwatch.StartNew();
        // Order lines shaped like orders.order_lines joined to their order: Vietnamese names, VND amounts, VAT rates.
        await new NpgsqlCommand(
            $"""
            DROP TABLE IF EXISTS bench_order_lines;
            CREATE TABLE bench_order_lines AS
            SELECT g AS id,
                   'DH' || lpad((g / 3)::text, 8, '0') AS number,
                   timestamptz '2026-01-01 00:00:00+00' + (g % 28000000) * interval '1 second' AS placed_at,
                   (ARRAY['store', 'web', 'shopee'])[1 + g % 3] AS channel,
                   (ARRAY['HN01', 'HCM01', 'DN01', 'WH01'])[1 + g % 4] AS location,
                   'AK' || lpad((g % 5000)::text, 5, '0') || '-M-TRG' AS sku,
                   (ARRAY['Áo blazer chống nắng Mộc Lan - Trắng, M', 'Serum nghệ Hưng Yên "Lụa" Hà Đông - 50ml', 'Đầm suông hoa nhí Tràng An - Be, XL', 'Toner trà xanh Sông Hàn - 30ml'])[1 + g % 4] AS name,
                   1 + g % 5 AS quantity,
                   (100000 + (g % 900) * 1000)::numeric(18,4) AS unit_price,
                   ((g % 7) * 5000)::numeric(18,4) AS discount_total,
                   ((1 + g % 5) * (100000 + (g % 900) * 1000) - (g % 7) * 5000)::numeric(18,4) AS line_total,
                   (ARRAY[0, 5, 8, 10])[1 + g % 4] AS vat_rate,
                   round(((1 + g % 5) * (100000 + (g % 900) * 1000) - (g % 7) * 5000) * (ARRAY[0, 5, 8, 10])[1 + g % 4] / (100.0 + (ARRAY[0, 5, 8, 10])[1 + g % 4]), 4)::numeric(18,4) AS vat_amount
            FROM generate_series(1, {rows}) g;
            ALTER TABLE bench_order_lines ADD PRIMARY KEY (id);
            ANALYZE bench_order_lines;
            """, db) { CommandTimeout = 0 }.ExecuteNonQueryAsync();
        Console.WriteLine($"Generated {rows:N0} order lines in {clock.Elapsed.TotalSeconds:0.0} s");
        return connectionString;
    }

    /// <summary>A write-only sink that counts bytes and notes when the first one arrived.</summary>
    internal sealed class CountingSink : Stream
    {
        public Stopwatch? Clock { get; set; }
        public TimeSpan? FirstByte { get; private set; }
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.Length > 0) FirstByte ??= Clock?.Elapsed;
            _length += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }
    }
}
