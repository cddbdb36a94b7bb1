using System.Text;
using Dapper;
using OmniErp.Kernel.Data;

namespace OmniErp.Customers.Seeding;

/// <summary>Multi-row INSERTs (a few hundred rows per statement) for the demo seed: fast on both databases.</summary>
internal static class BulkInsert
{
    public static async Task InsertAsync(DbSession session, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        // Small statements: binding cost grows faster than linearly with the parameter count (Microsoft.Data.Sqlite looks names up).
        var batchRows = Math.Max(1, 240 / columns.Count);
        foreach (var chunk in rows.Chunk(batchRows))
        {
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            var parameters = new DynamicParameters();
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"p{r}_{c}";
                    sql.Append(c == 0 ? "@" : ", @").Append(name);
                    parameters.Add(name, chunk[r][c]);
                }
                sql.Append(')');
            }
            await session.ExecuteAsync(sql.ToString(), parameters, ct);
        }
    }

    /// <summary>After explicit ids, PostgreSQL's identity must continue past them (SQLite's AUTOINCREMENT already does).</summary>
    public static async Task ContinueIdentityAsync(DbSession session, string table, CancellationToken ct)
    {
        if (!session.Dialect.IsPostgres) return;
        await session.ExecuteAsync($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)", ct: ct);
    }
}
