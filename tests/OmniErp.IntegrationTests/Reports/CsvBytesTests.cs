using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Customers.Contracts;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Export;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

/// <summary>
/// The CSV writer's bytes never change (a closed month's export is reproducible byte for byte): the two-stage writer
/// gives exactly the bytes of the writer it replaced (<see cref="ReferenceCsv"/>), for every report on the demo data and
/// for random values that exercise every quoting, number and date rule.
/// </summary>
public sealed class CsvBytesTests
{
    [SkippableTheory, Databases]
    public async Task Every_report_exports_the_same_CSV_bytes_as_the_reference_writer(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var filter = new ReportFilter(new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 30));
        foreach (var report in ReportCatalogue.All)
        {
            var (reader, copy, expected) = await app.InScopeAsync(async services =>
            {
                var session = services.GetRequiredService<DbSession>();
                var mediator = services.GetRequiredService<IMediator>();
                using var now = new MemoryStream();
                await using (var reader = await ReportReader.OpenAsync(session, mediator, report, filter, default))
                    await CsvExport.WriteAsync(reader, report.Columns, now, null, default);
                // The direct path (PostgreSQL: COPY … TO STDOUT; SQLite: stepping on the handle), which must not
                // decline any report (it would fall back unseen).
                using var copy = new MemoryStream();
                var connection = await session.OpenAsync();
                var pointValue = report is LoyaltyLiabilityReport ? await mediator.Send(new GetPointsValue(0, 1)) : 0m;
                var parameters = PostgresLiterals.Of(filter.Parameters(pointValue));
                var sql = session.Dialect.Sql(report.Sql(session.Dialect));
                var written = connection is Npgsql.NpgsqlConnection postgres
                    ? await PostgresCsv.TryWriteAsync(postgres, sql, parameters, report.Columns, copy, null, default)
                    : await SqliteCsv.TryWriteAsync((Microsoft.Data.Sqlite.SqliteConnection)connection, sql, parameters, report.Columns, copy, null, default);
                if (written is null)
                {
                    await using var describe = await session.ExecuteReaderAsync(report.Sql(session.Dialect), filter.Parameters(pointValue));
                    var types = string.Join(", ", report.Columns.Select((c, i) => $"{c.Header}: {c.Type} as {describe.GetDataTypeName(i)}"));
                    Assert.Fail($"{report.Name}: the direct CSV path declined ({describe.FieldCount} fields: {types})");
                }
                var copied = copy.ToArray();
                using var before = new MemoryStream();
                await using (var reader = await ReportReader.OpenAsync(session, mediator, report, filter, default))
                    await ReferenceCsv.WriteAsync(reader, report.Columns, before, null, default);
                return (now.ToArray(), copied, before.ToArray());
            });
            Assert.True(expected.Length > 3, $"{report.Name}: no header");
            Assert.True(expected.AsSpan().SequenceEqual(reader), $"{report.Name}: CSV bytes differ from the reference writer");
            Assert.True(expected.AsSpan().SequenceEqual(copy), $"{report.Name}: direct CSV bytes differ from the reference writer at byte {expected.AsSpan().CommonPrefixLength(copy)}");
        }
    }

    [Fact]
    public async Task Random_values_give_the_same_CSV_bytes_as_the_reference_writer()
    {
        var random = new Random(20261125);
        string[] texts =
        [
            "", "a,b", "\"quoted\"", "line\r\nbreak", "=SUM(A1)", "+84 912", "-5", "-1.5e3", "@me", "Đà Nẵng \"Hải Châu\"", "Áo blazer chống nắng Mộc Lan - Trắng, M",
            "emoji 😀 ok", "lone \ud800 surrogate", "tab\there", "'already", "x\"", "\"", ",", "-", "=",
        ];
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, txt TEXT, i INTEGER, d NUMERIC, day TEXT, at TEXT, at2 TEXT)";
            await create.ExecuteNonQueryAsync();
        }
        await using (var tx = await connection.BeginTransactionAsync())
        {
            for (var n = 0; n < 5000; n++)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO t (txt, i, d, day, at, at2) VALUES ($t, $i, $d, $day, $at, $at2)";
                var when = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextInt64(0, 3_000_000_000)).AddTicks(random.Next(0, 10_000_000));
                insert.Parameters.AddWithValue("$t", random.Next(8) == 0 ? DBNull.Value : texts[random.Next(texts.Length)] + (random.Next(3) == 0 ? texts[random.Next(texts.Length)] : ""));
                insert.Parameters.AddWithValue("$i", random.Next(10) == 0 ? DBNull.Value : random.NextInt64(long.MinValue / 2, long.MaxValue / 2) >> random.Next(0, 60));
                object number = random.Next(5) switch
                {
                    0 => DBNull.Value,
                    1 => random.NextInt64(-10_000_000_000, 10_000_000_000),
                    2 => Math.Round((random.NextDouble() - 0.5) * 1e7, random.Next(0, 5)),
                    3 => new decimal(random.Next(), random.Next(), random.Next(3) == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)random.Next(0, 29)),
                    _ => Math.Round((decimal)random.Next(-1_000_000, 1_000_000) / 7m, random.Next(0, 6)),
                };
                insert.Parameters.AddWithValue("$d", number);
                insert.Parameters.AddWithValue("$day", when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$at", when.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "+00:00");
                insert.Parameters.AddWithValue("$at2", when.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        ReportColumn[] columns =
        [
            new("Id, \"key\"", ColumnType.Integer), new("Text", ColumnType.Text), new("Integer", ColumnType.Integer), new("Amount", ColumnType.Decimal),
            new("Day", ColumnType.Date), new("At", ColumnType.Timestamp), new("At (ISO)", ColumnType.Timestamp),
        ];

        async Task<byte[]> Write(Func<System.Data.Common.DbDataReader, Stream, Task> write)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, txt, i, d, day, at, at2 FROM t ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync();
            using var output = new MemoryStream();
            await write(reader, output);
            return output.ToArray();
        }

        var expected = await Write((r, o) => ReferenceCsv.WriteAsync(r, columns, o, null, default));
        var actual = await Write((r, o) => CsvExport.WriteAsync(r, columns, o, null, default));
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"CSV bytes differ at byte {expected.AsSpan().CommonPrefixLength(actual)}");
        using var direct = new MemoryStream();
        Assert.Equal(5000, await SqliteCsv.TryWriteAsync(connection, "SELECT id, txt, i, d, day, at, at2 FROM t WHERE id > @From ORDER BY id",
            new Dictionary<string, object?> { ["From"] = 0L }, columns, direct, null, default));
        Assert.True(expected.AsSpan().SequenceEqual(direct.ToArray()), $"direct SQLite CSV bytes differ at byte {expected.AsSpan().CommonPrefixLength(direct.ToArray())}");
    }

    [SkippableFact]
    public async Task On_PostgreSQL_COPY_gives_the_reference_writers_bytes_for_random_values_of_every_column_type()
    {
        await using var database = await TestDatabase.CreateBlankAsync(Db.Postgres);
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new Npgsql.NpgsqlCommand(
            """
            CREATE TABLE t (id int8 PRIMARY KEY, txt text, vc varchar(200), ch char(6), i2 int2, i4 int4, i8 int8, d numeric, d4 numeric(18,4),
                            dint int4, d8 int8, dn numeric, day date, at timestamptz, at2 timestamp, atday timestamptz, dayts date)
            """, connection))
            await create.ExecuteNonQueryAsync();

        var random = new Random(20261126);
        string[] texts =
        [
            "", "a,b", "\"quoted\"", "line\r\nbreak", "=SUM(A1)", "+84 912", "-5", "-1.5e3", "@me", "Đà Nẵng \"Hải Châu\"", "Áo blazer chống nắng Mộc Lan - Trắng, M",
            "emoji 😀 ok", "tab\there", "'already", "x\"", "\"", ",", "-", "=", "back\\slash", " -5 ", "-1,000.50",
        ];
        decimal Amount() => random.Next(9) switch
        {
            0 => 0m,
            1 => new decimal(0, 0, 0, false, (byte)random.Next(0, 10)), // zero with a scale
            2 => random.NextInt64(-10_000_000_000, 10_000_000_000),
            // up to 23 digits: at most 8 base-10000 digits, which is what Npgsql reads as a decimal
            3 => new decimal(random.Next(), random.Next(), random.Next(3) == 0 ? random.Next(1000) : 0, random.Next(2) == 0, (byte)random.Next(0, 29)),
            4 => Math.Round((decimal)random.Next(-1_000_000, 1_000_000) / 7m, random.Next(0, 12)),
            5 => new decimal(random.Next(1, 100), 0, 0, random.Next(2) == 0, (byte)random.Next(0, 29)), // tiny, many leading zeros
            6 => new decimal(-1, -1, 999, true, (byte)random.Next(0, 23)),
            7 => new decimal(random.Next(1, 1000) * 10000, 0, 0, false, (byte)random.Next(0, 9)), // trailing zero digits
            _ => Math.Round((decimal)random.NextDouble() * 1_000_000m, 4),
        };
        DateTime When() => new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextInt64(0, 2_000_000_000)).AddTicks(random.Next(0, 10_000_000) / 10 * 10);
        await using (var import = await connection.BeginBinaryImportAsync("COPY t FROM STDIN (FORMAT binary)"))
        {
            for (var n = 0; n < 5000; n++)
            {
                await import.StartRowAsync();
                await import.WriteAsync((long)n, NpgsqlTypes.NpgsqlDbType.Bigint);
                async Task Maybe<T>(Func<T> value, NpgsqlTypes.NpgsqlDbType type)
                {
                    if (random.Next(10) == 0) await import.WriteNullAsync();
                    else await import.WriteAsync(value(), type);
                }
                string Text() => texts[random.Next(texts.Length)] + (random.Next(3) == 0 ? texts[random.Next(texts.Length)] : "");
                await Maybe(Text, NpgsqlTypes.NpgsqlDbType.Text);
                await Maybe(Text, NpgsqlTypes.NpgsqlDbType.Varchar);
                await Maybe(() => texts[random.Next(texts.Length)] is { Length: <= 6 } t ? t : "ab", NpgsqlTypes.NpgsqlDbType.Char);
                await Maybe(() => (short)random.Next(short.MinValue, short.MaxValue + 1), NpgsqlTypes.NpgsqlDbType.Smallint);
                await Maybe(() => random.Next(int.MinValue, int.MaxValue), NpgsqlTypes.NpgsqlDbType.Integer);
                await Maybe(() => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 63), NpgsqlTypes.NpgsqlDbType.Bigint);
                await Maybe(Amount, NpgsqlTypes.NpgsqlDbType.Numeric);
                await Maybe(() => Math.Round(Amount() % 100_000_000_000_000m, 4), NpgsqlTypes.NpgsqlDbType.Numeric);
                await Maybe(() => random.Next(-1_000_000, 1_000_000), NpgsqlTypes.NpgsqlDbType.Integer);
                await Maybe(() => random.NextInt64(-1_000_000_000_000, 1_000_000_000_000), NpgsqlTypes.NpgsqlDbType.Bigint);
                await Maybe(() => Math.Round((decimal)random.NextInt64(-1_000_000_000_000, 1_000_000_000_000) / (random.Next(2) == 0 ? 1m : 997m), random.Next(0, 4)), NpgsqlTypes.NpgsqlDbType.Numeric);
                await Maybe(() => DateOnly.FromDateTime(When()), NpgsqlTypes.NpgsqlDbType.Date);
                await Maybe(When, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await Maybe(() => DateTime.SpecifyKind(When(), DateTimeKind.Unspecified), NpgsqlTypes.NpgsqlDbType.Timestamp);
                await Maybe(When, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await Maybe(() => DateOnly.FromDateTime(When()), NpgsqlTypes.NpgsqlDbType.Date);
            }
            await import.CompleteAsync();
        }
        ReportColumn[] columns =
        [
            new("Id, \"key\"", ColumnType.Integer), new("Text", ColumnType.Text), new("Varchar", ColumnType.Text), new("Char", ColumnType.Text),
            new("Int2", ColumnType.Integer), new("Int4", ColumnType.Integer), new("Int8", ColumnType.Integer),
            new("Amount", ColumnType.Decimal), new("Amount(18,4)", ColumnType.Decimal), new("Int amount", ColumnType.Decimal), new("Long amount", ColumnType.Decimal), new("Numeric as integer", ColumnType.Integer),
            new("Day", ColumnType.Date), new("At", ColumnType.Timestamp), new("At (local)", ColumnType.Timestamp), new("Day of at", ColumnType.Date), new("Day as timestamp", ColumnType.Timestamp),
        ];
        const string select = "SELECT id, txt, vc, ch, i2, i4, i8, d, d4, dint, d8, dn, day, at, at2, atday, dayts FROM t WHERE id >= @From ORDER BY id";
        var parameters = new Dictionary<string, object?> { ["From"] = 0L };

        using var expected = new MemoryStream();
        await using (var command = new Npgsql.NpgsqlCommand(select, connection))
        {
            command.Parameters.AddWithValue("From", 0L);
            await using var reader = await command.ExecuteReaderAsync();
            await ReferenceCsv.WriteAsync(reader, columns, expected, null, default);
        }
        using var actual = new MemoryStream();
        Assert.Equal(5000, await PostgresCsv.TryWriteAsync(connection, select, parameters, columns, actual, null, default));
        var (e, a) = (expected.ToArray(), actual.ToArray());
        var at = e.AsSpan().CommonPrefixLength(a);
        Assert.True(e.AsSpan().SequenceEqual(a), $"COPY CSV bytes differ at byte {at}: expected …{System.Text.Encoding.UTF8.GetString(e, Math.Max(0, at - 60), Math.Min(120, e.Length - Math.Max(0, at - 60)))}… got …{System.Text.Encoding.UTF8.GetString(a, Math.Max(0, at - 60), Math.Min(120, a.Length - Math.Max(0, at - 60)))}…");

        // A value Npgsql cannot read as a decimal fails the export the same way, rather than writing other digits.
        var big = new Npgsql.NpgsqlCommand("SELECT 1e40::numeric AS n", connection);
        await Assert.ThrowsAsync<OverflowException>(async () =>
        {
            await using var reader = await big.ExecuteReaderAsync();
            await ReferenceCsv.WriteAsync(reader, [new("N", ColumnType.Decimal)], Stream.Null, null, default);
        });
        await Assert.ThrowsAsync<OverflowException>(() => PostgresCsv.TryWriteAsync(connection, "SELECT 1e40::numeric AS n", parameters, [new("N", ColumnType.Decimal)], Stream.Null, null, default));
        Assert.Equal(1, (int)(await new Npgsql.NpgsqlCommand("SELECT 1", connection).ExecuteScalarAsync())!); // the connection is usable again
    }

    [SkippableFact]
    public async Task A_COPY_export_whose_output_fails_midway_leaves_the_connection_usable()
    {
        await using var database = await TestDatabase.CreateBlankAsync(Db.Postgres);
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var failing = new FailingStream(failAfter: 200_000);
        const string sql = "SELECT g AS n, repeat('x', 50) AS t FROM generate_series(1, @Rows) g";
        var parameters = new Dictionary<string, object?> { ["Rows"] = 2_000_000 };
        ReportColumn[] columns = [new("N", ColumnType.Integer), new("T", ColumnType.Text)];
        await Assert.ThrowsAsync<IOException>(() => PostgresCsv.TryWriteAsync(connection, sql, parameters, columns, failing, null, default));
        Assert.Equal(1, (int)(await new Npgsql.NpgsqlCommand("SELECT 1", connection).ExecuteScalarAsync())!);

        // and a cancelled export stops with the caller's cancellation, the connection still usable
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PostgresCsv.TryWriteAsync(connection, sql, parameters, columns, Stream.Null, new SynchronousProgress(cancel), cancel.Token));
        Assert.Equal(1, (int)(await new Npgsql.NpgsqlCommand("SELECT 1", connection).ExecuteScalarAsync())!);
    }

    private sealed class SynchronousProgress(CancellationTokenSource cancel) : IProgress<long>
    {
        public void Report(long value) => cancel.Cancel();
    }

    private sealed class FailingStream(long failAfter) : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Length + buffer.Length > failAfter ? throw new IOException("The client went away.") : base.WriteAsync(buffer, cancellationToken);
    }

    [SkippableFact]
    public async Task Parameters_written_into_a_COPY_statement_mean_what_they_meant_as_parameters()
    {
        await using var database = await TestDatabase.CreateBlankAsync(Db.Postgres);
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        const string sql =
            """
            SELECT @Text AS a, '@Text' AS b, $$@Text$$ AS c, E'\'@Text' AS d, @Since AS e, @Amount AS f, @None AS g, @Day AS h, "@Text" AS i -- @Text
            FROM (SELECT 1 AS "@Text") x /* @Text /* nested @Text */ @Text */ WHERE @Since < now() AND @ -2 = 2
            """;
        var values = new
        {
            Text = "O'Brien \\ \\' \"x\", @Text $$ -- /*",
            Since = new DateTimeOffset(2026, 7, 31, 17, 0, 0, 123, TimeSpan.Zero).AddTicks(4567),
            Amount = -1234.5600m,
            None = (string?)null,
            Day = new DateOnly(2026, 11, 26),
        };
        ReportColumn[] columns =
        [
            new("a", ColumnType.Text), new("b", ColumnType.Text), new("c", ColumnType.Text), new("d", ColumnType.Text), new("e", ColumnType.Timestamp),
            new("f", ColumnType.Decimal), new("g", ColumnType.Text), new("h", ColumnType.Date), new("i", ColumnType.Integer),
        ];
        using var expected = new MemoryStream();
        await using (var command = new Npgsql.NpgsqlCommand(sql, connection))
        {
            command.Parameters.AddWithValue("Text", values.Text);
            command.Parameters.AddWithValue("Since", values.Since);
            command.Parameters.AddWithValue("Amount", values.Amount);
            command.Parameters.Add(new Npgsql.NpgsqlParameter("None", NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
            command.Parameters.AddWithValue("Day", values.Day);
            await using var reader = await command.ExecuteReaderAsync();
            await ReferenceCsv.WriteAsync(reader, columns, expected, null, default);
        }
        using var actual = new MemoryStream();
        Assert.Equal(1, await PostgresCsv.TryWriteAsync(connection, sql, PostgresLiterals.Of(values), columns, actual, null, default));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.ToArray()), System.Text.Encoding.UTF8.GetString(actual.ToArray()));
    }

    [Fact]
    public async Task On_SQLite_parameters_are_bound_as_Microsoft_Data_Sqlite_binds_them()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var values = new Dictionary<string, object?>
        {
            ["Since"] = new DateTimeOffset(2026, 7, 31, 17, 0, 0, 123, TimeSpan.Zero).AddTicks(4567),
            ["Local"] = new DateTimeOffset(2026, 7, 31, 17, 0, 0, TimeSpan.FromHours(7)),
            ["At"] = new DateTime(2026, 7, 31, 17, 0, 5, DateTimeKind.Utc),
            ["Amount"] = -1234.5600m,
            ["Whole"] = 12m,
            ["Text"] = "O'Brien \"x\", Đà Nẵng",
            ["None"] = new PostgresLiterals.Null(typeof(string)),
            ["Long"] = long.MinValue,
            ["Int"] = 42,
            ["Yes"] = true,
        };
        var names = values.Keys.ToList();
        var sql = "SELECT " + string.Join(", ", names.Select(n => $"typeof(@{n}) || ':' || coalesce(@{n}, 'NULL')"));
        ReportColumn[] columns = names.Select(n => new ReportColumn(n, ColumnType.Text)).ToArray();
        using var expected = new MemoryStream();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            foreach (var (name, value) in values) command.Parameters.AddWithValue("@" + name, value is PostgresLiterals.Null ? DBNull.Value : value);
            await using var reader = await command.ExecuteReaderAsync();
            await ReferenceCsv.WriteAsync(reader, columns, expected, null, default);
        }
        using var actual = new MemoryStream();
        Assert.Equal(1, await SqliteCsv.TryWriteAsync(connection, sql, values, columns, actual, null, default));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.ToArray()), System.Text.Encoding.UTF8.GetString(actual.ToArray()));
    }

    [Fact]
    public async Task Amounts_are_written_as_the_runtime_formats_them()
    {
        var random = new Random(7);
        var buffer = new Utf8Buffer(1024);
        for (var n = 0; n < 100_000; n++)
        {
            var value = new decimal(random.Next(), random.Next(4) == 0 ? random.Next() : random.Next(100), random.Next(6) == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)random.Next(0, 29));
            buffer.Decimal(value);
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), System.Text.Encoding.UTF8.GetString(buffer.Written));
            await buffer.FlushAsync(Stream.Null, default);
        }
        buffer.Return();
    }
}
