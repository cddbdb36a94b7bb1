using System.Data.Common;
using System.Text;
using OmniErp.Kernel.Data;

namespace OmniErp.Pricing.Data;

/// <summary>
/// Multi-row INSERTs in batches on the session's connection and transaction: the same SQL on SQLite and PostgreSQL,
/// a few hundred rows per round trip (seed and CSV import write tens of thousands of rows in seconds).
/// </summary>
internal static class MultiRowInsert
{
    private const int MaxParameters = 30_000;

    /// <summary>Inserts rows; <paramref name="suffix"/> is appended to each statement (e.g. an ON CONFLICT clause).</summary>
    public static async Task<int> RunAsync(DbSession session, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        CancellationToken ct, string suffix = "")
    {
        var affected = 0;
        await ForEachBatchAsync(session, table, columns, rows, suffix, async command => affected += await command.ExecuteNonQueryAsync(ct), ct);
        return affected;
    }

    private static async Task ForEachBatchAsync(DbSession session, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        string suffix, Func<DbCommand, Task> run, CancellationToken ct)
    {
        var connection = await session.OpenAsync(ct);
        var perBatch = Math.Max(1, Math.Min(500, MaxParameters / columns.Count));
        var head = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ";
        foreach (var batch in rows.Chunk(perBatch))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = session.Transaction;
            var sql = new StringBuilder(head, head.Length + batch.Length * columns.Count * 8);
            var n = 0;
            for (var r = 0; r < batch.Length; r++)
            {
                if (batch[r].Length != columns.Count) throw new ArgumentException($"Row {r} has {batch[r].Length} values for {columns.Count} columns.");
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = "@p" + n++;
                    sql.Append(c == 0 ? name : ", " + name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = batch[r][c] switch
                    {
                        null => DBNull.Value,
                        DateTimeOffset d => session.Dialect.IsPostgres ? d.ToUniversalTime() : d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture),
                        var v => v,
                    };
                    command.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            sql.Append(suffix);
            command.CommandText = session.Dialect.Sql(sql.ToString());
            await run(command);
        }
    }
}
