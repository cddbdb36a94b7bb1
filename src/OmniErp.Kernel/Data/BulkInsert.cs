using System.Data.Common;
using System.Text;

namespace OmniErp.Kernel.Data;

/// <summary>
/// Multi-row INSERTs in batches on the session's connection and transaction: the same SQL on SQLite and PostgreSQL,
/// a few hundred rows per round trip (seed and CSV import write tens of thousands of rows in seconds).
/// </summary>
public static class BulkInsert
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

    /// <summary>Inserts rows and reads back the <paramref name="returning"/> columns (e.g. "id, code") of each.</summary>
    public static async Task<List<(long Id, string Key)>> ReturningAsync(DbSession session, string table, IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows, string returning, CancellationToken ct)
    {
        var result = new List<(long, string)>();
        await ForEachBatchAsync(session, table, columns, rows, " RETURNING " + returning, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) result.Add((reader.GetInt64(0), reader.GetString(1)));
        }, ct);
        return result;
    }

    private static object ToDb(DbSession session, object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset d => session.Dialect.IsPostgres ? d.ToUniversalTime() : d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture),
        var v => v,
    };

    private static async Task ForEachBatchAsync(DbSession session, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        string suffix, Func<DbCommand, Task> run, CancellationToken ct)
    {
        var connection = await session.OpenAsync(ct);
        if (!session.Dialect.IsPostgres)
        {
            // SQLite binds parameters by name with a linear lookup, so wide multi-row statements cost quadratic time;
            // one prepared single-row INSERT re-run per row is the fast path there (no network round trips to save).
            await using var single = connection.CreateCommand();
            single.Transaction = session.Transaction;
            single.CommandText = session.Dialect.Sql($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}){suffix}");
            var parameters = columns.Select((_, i) =>
            {
                var parameter = single.CreateParameter();
                parameter.ParameterName = "@p" + i;
                single.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            single.Prepare();
            foreach (var row in rows)
            {
                for (var c = 0; c < parameters.Length; c++) parameters[c].Value = ToDb(session, row[c]);
                await run(single);
            }
            return;
        }
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
                    parameter.Value = ToDb(session, batch[r][c]);
                    command.Parameters.Add(parameter);
                }
                sql.Append(')');
            }
            sql.Append(suffix);
            command.CommandText = session.Dialect.Sql(sql.ToString());
            await run(command);
        }
    }

    /// <summary>After inserting explicit ids, moves PostgreSQL's identity sequence past them (SQLite's AUTOINCREMENT follows by itself).</summary>
    public static async Task SyncIdentityAsync(DbSession session, string table, CancellationToken ct)
    {
        if (!session.Dialect.IsPostgres) return;
        await session.ExecuteAsync(
            $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))", ct: ct);
    }
}
