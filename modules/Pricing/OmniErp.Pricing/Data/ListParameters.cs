using System.Text.RegularExpressions;
using OmniErp.Kernel.Data;

namespace OmniErp.Pricing.Data;

/// <summary>
/// "column IN @list": Dapper expands a list into parameters on SQLite, but passes it as one array to Npgsql, where the
/// SQL must read "column = ANY(@list)". Write IN @list and pass the SQL through here.
/// </summary>
internal static partial class ListParameters
{
    public static string Lists(this SqlDialect dialect, string sql) => dialect.IsPostgres ? InList().Replace(sql, " = ANY(@$1)") : sql;

    [GeneratedRegex(@"\s+IN\s+@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex InList();
}
