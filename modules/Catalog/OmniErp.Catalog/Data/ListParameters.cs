using System.Text.RegularExpressions;
using OmniErp.Kernel.Data;

namespace OmniErp.Catalog.Data;

/// <summary>
/// "column IN @list" with one parameter on both databases: PostgreSQL reads "= ANY(@list)" with an array, SQLite
/// "IN (SELECT value FROM json_each(@list))" with a JSON array (SQLite looks parameters up by name one by one, so
/// thousands of expanded parameters cost quadratic time). Write IN @list, pass the SQL through <see cref="Lists"/>
/// and the values through <see cref="ListValue{T}"/>.
/// </summary>
internal static partial class ListParameters
{
    public static string Lists(this SqlDialect dialect, string sql) =>
        InList().Replace(sql, dialect.IsPostgres ? " = ANY(@$1)" : " IN (SELECT value FROM json_each(@$1))");

    public static object ListValue<T>(this SqlDialect dialect, IEnumerable<T> items) =>
        dialect.IsPostgres ? items.ToArray() : System.Text.Json.JsonSerializer.Serialize(items);

    [GeneratedRegex(@"\s+IN\s+@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex InList();
}

internal static class ListSqlExtensions
{
    public static string Let(this string sql, SqlDialect dialect) => dialect.Lists(sql);
}
