using OmniErp.Kernel.Data;
using OmniErp.Reports.Export;

namespace OmniErp.Reports.Definitions;

/// <summary>
/// The filters every report understands (each report uses the ones that apply to it). Dates are business days in
/// Vietnam (UTC+7, no daylight saving): <see cref="From"/> and <see cref="To"/> are both included.
/// </summary>
internal sealed record ReportFilter(DateOnly From, DateOnly To, string? Channel = null, string? Store = null, string? Category = null)
{
    public static readonly TimeSpan BusinessOffset = TimeSpan.FromHours(7);

    /// <summary>The first instant of <see cref="From"/>, in UTC.</summary>
    public DateTimeOffset Since => new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), BusinessOffset).ToUniversalTime();

    /// <summary>The first instant after <see cref="To"/>, in UTC.</summary>
    public DateTimeOffset Until => new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), BusinessOffset).ToUniversalTime();

    /// <summary>The month whose frozen file this filter asks for, if any: a whole month (an as-of report: a month's
    /// last day) with no other filter.</summary>
    public string? MonthFor(ReportDefinition report)
    {
        if (Channel is not null || Store is not null || Category is not null) return null;
        var monthEnd = new DateOnly(To.Year, To.Month, 1).AddMonths(1).AddDays(-1);
        if (report.Filters.HasFlag(ReportFilters.AsOf)) return To == monthEnd ? To.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) : null;
        return IsWholeMonth ? Month : null;
    }

    public bool IsWholeMonth => From.Day == 1 && To == From.AddMonths(1).AddDays(-1) && Channel is null && Store is null && Category is null;

    public string Month => From.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static ReportFilter ForMonth(string month)
    {
        var from = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new ReportFilter(from, from.AddMonths(1).AddDays(-1));
    }

    /// <summary>The parameters the SQL of every report may use.</summary>
    public object Parameters(decimal pointValue = 0) => new
    {
        Since,
        Until,
        Channel = Blank(Channel),
        Store = Blank(Store),
        Category = Blank(Category),
        PointValue = pointValue,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Which filters a report offers on its page and in the CLI.</summary>
[Flags]
internal enum ReportFilters { None = 0, DateRange = 1, AsOf = 2, Channel = 4, Store = 8, Category = 16 }

/// <summary>
/// A report: a title, typed columns and one SQL statement (written for PostgreSQL with schema-qualified names, over
/// the read-only <c>report_*</c> views the owning modules publish) whose SELECT list matches the columns.
/// </summary>
internal abstract class ReportDefinition
{
    public abstract string Name { get; }
    public abstract string Title { get; }
    public abstract string Description { get; }
    public abstract IReadOnlyList<ReportColumn> Columns { get; }
    public abstract ReportFilters Filters { get; }

    /// <summary>Comma-joined roles allowed to run it.</summary>
    public virtual string Roles => OmniErp.Kernel.Modules.Roles.Finance;

    /// <summary>Included in the files frozen when a month is closed.</summary>
    public virtual bool Periodic => true;

    public abstract string Sql(SqlDialect dialect);

    public bool AllowedFor(Func<string, bool> isInRole) => Roles.Split(',').Any(isInRole);
}

/// <summary>SQL fragments shared by the reports, with the few dialect differences.</summary>
internal static class ReportSql
{
    /// <summary>Matches a category code anywhere in the SKU's category path, so a category includes its subtree.</summary>
    public const string CategoryFilter = "(@Category IS NULL OR ('/' || k.category_path || '/') LIKE ('%/' || @Category || '/%'))";

    /// <summary>The business day (Vietnam) of a UTC timestamp column, as a date.</summary>
    public static string LocalDate(SqlDialect dialect, string column) => dialect.IsPostgres
        ? $"CAST(({column} AT TIME ZONE 'UTC' + INTERVAL '7 hours') AS date)"
        : $"date({column}, '+7 hours')";

    /// <summary>The business month (Vietnam) of a UTC timestamp column, as yyyy-MM text.</summary>
    public static string LocalMonth(SqlDialect dialect, string column) => dialect.IsPostgres
        ? $"to_char({column} AT TIME ZONE 'UTC' + INTERVAL '7 hours', 'YYYY-MM')"
        : $"strftime('%Y-%m', {column}, '+7 hours')";
}
