using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Data;

internal static class SqlLists
{
    /// <summary>
    /// "column is one of @param": Dapper passes a list to Npgsql as one array parameter (so <c>= ANY</c>) and expands it
    /// for SQLite (so <c>IN</c>). Pass an array or a list.
    /// </summary>
    public static string In(this SqlDialect dialect, string column, string parameter) =>
        dialect.IsPostgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";
}
