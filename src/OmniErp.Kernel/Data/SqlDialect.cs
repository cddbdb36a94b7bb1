using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace OmniErp.Kernel.Data;

/// <summary>
/// The one seam between the SQL we write and the database that runs it. SQL is written for PostgreSQL with
/// module-qualified table names (<c>catalog.products</c>); on SQLite, which has no schemas, a qualified name
/// becomes a prefixed one (<c>catalog_products</c>). Never alias a table with a module's name.
/// </summary>
public sealed partial class SqlDialect
{
    public static readonly IReadOnlyList<string> Schemas = ["kernel", "identity", "catalog", "pricing", "inventory", "orders", "customers", "reports"];

    // Rewritten SQL by its source text. The texts are the code's own (a statement per line count at most), so the caches
    // stay small; a bound keeps a mistake (a value spliced into SQL) from growing them without end.
    private const int CacheLimit = 20_000;
    private readonly ConcurrentDictionary<string, string> _rewritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _listed = new(StringComparer.Ordinal);

    private static string Cached(ConcurrentDictionary<string, string> cache, string sql, Func<string, string> rewrite)
    {
        if (cache.TryGetValue(sql, out var done)) return done;
        done = rewrite(sql);
        if (cache.Count < CacheLimit) cache.TryAdd(sql, done);
        return done;
    }

    private SqlDialect(DatabaseProvider provider) => Provider = provider;

    public static readonly SqlDialect Sqlite = new(DatabaseProvider.Sqlite);
    public static readonly SqlDialect Postgres = new(DatabaseProvider.Postgres);
    public static SqlDialect For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    public DatabaseProvider Provider { get; }
    public bool IsPostgres => Provider == DatabaseProvider.Postgres;
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>Renders SQL written with <c>schema.table</c> names for this database.</summary>
    public string Sql(string sql) => IsPostgres ? sql : Cached(_rewritten, sql, static s => QualifiedName().Replace(s, "$1_$2"));

    /// <summary>The table name for this database: <c>catalog.products</c> or <c>catalog_products</c>.</summary>
    public string Table(string schema, string table) => IsPostgres ? $"{schema}.{table}" : $"{schema}_{table}";

    /// <summary>
    /// True when <paramref name="error"/> is a UNIQUE violation of <paramref name="table"/> (written <c>schema.table</c>)
    /// on <paramref name="column"/> (a column declared <c>UNIQUE</c>, so PostgreSQL names it <c>table_column_key</c>).
    /// </summary>
    public bool IsUniqueViolation(Exception error, string table, string column)
    {
        var dot = table.IndexOf('.');
        var (schema, name) = (table[..dot], table[(dot + 1)..]);
        return error switch
        {
            Npgsql.PostgresException pg => IsPostgres && pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation
                && pg.SchemaName == schema && pg.TableName == name && pg.ConstraintName == $"{name}_{column}_key",
            Microsoft.Data.Sqlite.SqliteException lite => IsSqlite && lite.SqliteErrorCode == 19
                && lite.Message.Contains($"UNIQUE constraint failed: {Table(schema, name)}.{column}", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary><c>FOR UPDATE SKIP LOCKED</c> where rows can be locked; SQLite serialises writers instead.</summary>
    public string ForUpdateSkipLocked => IsPostgres ? " FOR UPDATE SKIP LOCKED" : "";

    /// <summary>Case-insensitive LIKE: ILIKE on PostgreSQL, LIKE (ASCII case-insensitive) on SQLite.</summary>
    public string ILike => IsPostgres ? "ILIKE" : "LIKE";

    /// <summary>
    /// Rewrites every <c>column IN @list</c> to take the list as ONE parameter: PostgreSQL <c>= ANY(@list)</c> with an
    /// array, SQLite <c>IN (SELECT value FROM json_each(@list))</c> with a JSON array (SQLite binds parameters by name
    /// one by one, so thousands of expanded parameters cost quadratic time). Pass the values through <see cref="ListValue{T}"/>.
    /// </summary>
    public string Lists(string sql) =>
        Cached(_listed, sql, IsPostgres ? static s => InList().Replace(s, " = ANY(@$1)") : static s => InList().Replace(s, " IN (SELECT value FROM json_each(@$1))"));

    /// <summary>The parameter value for a list used with <see cref="Lists"/>.</summary>
    public object ListValue<T>(IEnumerable<T> items) =>
        IsPostgres ? items.ToArray() : System.Text.Json.JsonSerializer.Serialize(items);

    [GeneratedRegex(@"\s+IN\s+@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex InList();

    [GeneratedRegex(@"\b(kernel|identity|catalog|pricing|inventory|orders|customers|reports)\.([a-z_][a-z0-9_]*)\b")]
    private static partial Regex QualifiedName();
}
