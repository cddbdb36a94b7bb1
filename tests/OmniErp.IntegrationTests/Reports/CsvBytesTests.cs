using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
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
            var (actual, expected) = await app.InScopeAsync(async services =>
            {
                var session = services.GetRequiredService<DbSession>();
                var mediator = services.GetRequiredService<IMediator>();
                using var now = new MemoryStream();
                await using (var reader = await ReportReader.OpenAsync(session, mediator, report, filter, default))
                    await CsvExport.WriteAsync(reader, report.Columns, now, null, default);
                using var before = new MemoryStream();
                await using (var reader = await ReportReader.OpenAsync(session, mediator, report, filter, default))
                    await ReferenceCsv.WriteAsync(reader, report.Columns, before, null, default);
                return (now.ToArray(), before.ToArray());
            });
            Assert.True(expected.Length > 3, $"{report.Name}: no header");
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{report.Name}: CSV bytes differ from the reference writer");
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
