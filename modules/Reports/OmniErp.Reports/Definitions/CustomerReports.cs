using OmniErp.Kernel.Data;
using OmniErp.Reports.Export;

namespace OmniErp.Reports.Definitions;

/// <summary>
/// Points customers hold at the end of the <c>To</c> day (the sum of the points ledger up to then) and what they are
/// worth at the Customers module's point value: a liability until redeemed or expired. Grouped by current tier.
/// </summary>
internal sealed class LoyaltyLiabilityReport : ReportDefinition
{
    public override string Name => "loyalty-liability";
    public override string Title => "Loyalty liability";
    public override string Description => "Outstanding loyalty points and their value as of a date, by tier.";
    public override ReportFilters Filters => ReportFilters.AsOf;

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Tier", ColumnType.Text), new("Customers", ColumnType.Integer, Total: true),
        new("Points outstanding", ColumnType.Integer, Total: true), new("Value", ColumnType.Decimal, Total: true),
    ];

    public override string Sql(SqlDialect dialect) =>
        """
        SELECT b.tier, COUNT(*), SUM(b.balance), SUM(b.balance) * CAST(@PointValue AS numeric(18,4))
        FROM (SELECT customer_id, tier, SUM(points) AS balance
              FROM customers.report_points
              WHERE occurred_at < @Until
              GROUP BY customer_id, tier) b
        WHERE b.balance <> 0
        GROUP BY b.tier
        ORDER BY b.tier
        """;
}
