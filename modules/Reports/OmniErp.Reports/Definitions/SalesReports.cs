using OmniErp.Kernel.Data;
using OmniErp.Reports.Export;

namespace OmniErp.Reports.Definitions;

/// <summary>
/// Sales by business day, channel and store, from the orders placed (cancelled ones left out): gross (subtotal),
/// discounts, net (order total), VAT, orders, average order value, units; refunds by the day the return was booked.
/// </summary>
internal sealed class SalesByDayReport : ReportDefinition
{
    public override string Name => "sales-by-day";
    public override string Title => "Sales by day";
    public override string Description => "Gross, discounts, net, VAT, orders, average order value, units and refunds by day, channel and store.";
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Channel | ReportFilters.Store;

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Day", ColumnType.Date), new("Channel", ColumnType.Text), new("Store", ColumnType.Text),
        new("Gross", ColumnType.Decimal, Total: true), new("Discounts", ColumnType.Decimal, Total: true), new("Net", ColumnType.Decimal, Total: true),
        new("VAT", ColumnType.Decimal, Total: true), new("Orders", ColumnType.Integer, Total: true), new("Average order value", ColumnType.Decimal),
        new("Units", ColumnType.Integer, Total: true), new("Refunds", ColumnType.Decimal, Total: true),
    ];

    public override string Sql(SqlDialect dialect) =>
        $"""
        WITH sales AS (
            SELECT {ReportSql.LocalDate(dialect, "o.placed_at")} AS day, o.channel, o.location, o.subtotal AS gross, o.discount_total AS discounts,
                   o.total AS net, o.vat_total AS vat, 1 AS orders,
                   (SELECT COALESCE(SUM(l.quantity), 0) FROM orders.report_sales_lines l WHERE l.order_id = o.id) AS units, 0 AS refunds
            FROM orders.report_orders o
            WHERE o.status <> 'cancelled' AND o.placed_at >= @Since AND o.placed_at < @Until
              AND (@Channel IS NULL OR o.channel = @Channel) AND (@Store IS NULL OR o.location = @Store)
            UNION ALL
            SELECT {ReportSql.LocalDate(dialect, "r.returned_at")}, r.channel, r.location, 0, 0, 0, 0, 0, 0, r.refund_amount
            FROM orders.report_returns r
            WHERE r.returned_at >= @Since AND r.returned_at < @Until
              AND (@Channel IS NULL OR r.channel = @Channel) AND (@Store IS NULL OR r.location = @Store))
        SELECT day, channel, location, SUM(gross), SUM(discounts), SUM(net), SUM(vat), SUM(orders),
               CASE WHEN SUM(orders) = 0 THEN 0 ELSE ROUND(SUM(net) * 1.0 / SUM(orders), 0) END, SUM(units), SUM(refunds)
        FROM sales
        GROUP BY day, channel, location
        ORDER BY day, channel, location
        """;
}

/// <summary>VAT output by business month and rate, from the lines of orders placed (cancelled ones left out).</summary>
internal sealed class VatByRateReport : ReportDefinition
{
    public override string Name => "vat-by-rate";
    public override string Title => "VAT output by rate and month";
    public override string Description => "Sales lines and output VAT by month and VAT rate.";
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Channel | ReportFilters.Store;

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Month", ColumnType.Text), new("VAT rate %", ColumnType.Integer), new("Lines", ColumnType.Integer, Total: true),
        new("Sales incl. VAT", ColumnType.Decimal, Total: true), new("VAT", ColumnType.Decimal, Total: true),
    ];

    public override string Sql(SqlDialect dialect) =>
        $"""
        SELECT {ReportSql.LocalMonth(dialect, "placed_at")} AS month, vat_rate, COUNT(*), SUM(line_total), SUM(vat_amount)
        FROM orders.report_sales_lines
        WHERE status <> 'cancelled' AND placed_at >= @Since AND placed_at < @Until
          AND (@Channel IS NULL OR channel = @Channel) AND (@Store IS NULL OR location = @Store)
        GROUP BY {ReportSql.LocalMonth(dialect, "placed_at")}, vat_rate
        ORDER BY 1, 2
        """;
}
