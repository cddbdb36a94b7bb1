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
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Channel | ReportFilters.Store | ReportFilters.Category;

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Day", ColumnType.Date), new("Channel", ColumnType.Text), new("Store", ColumnType.Text),
        new("Gross", ColumnType.Decimal, Total: true), new("Discounts", ColumnType.Decimal, Total: true), new("Net", ColumnType.Decimal, Total: true),
        new("VAT", ColumnType.Decimal, Total: true), new("Orders", ColumnType.Integer, Total: true), new("Average order value", ColumnType.Decimal),
        new("Units", ColumnType.Integer, Total: true), new("Refunds", ColumnType.Decimal, Total: true),
    ];

    // Without a category the figures are the orders' own totals (so they reconcile with the orders); with one, they
    // are the lines of SKUs in that category and its sub-categories (orders = orders with such a line), and refunds
    // are the refunded lines of those SKUs.
    public override string Sql(SqlDialect dialect) =>
        $"""
        WITH sales AS (
            SELECT {ReportSql.LocalDate(dialect, "o.placed_at")} AS day, o.channel, o.location, o.subtotal AS gross, o.discount_total AS discounts,
                   o.total AS net, o.vat_total AS vat, o.id AS order_id,
                   (SELECT COALESCE(SUM(l.quantity), 0) FROM orders.report_sales_lines l WHERE l.order_id = o.id) AS units, 0 AS refunds
            FROM orders.report_orders o
            WHERE @Category IS NULL AND o.status <> 'cancelled' AND o.placed_at >= @Since AND o.placed_at < @Until
              AND (@Channel IS NULL OR o.channel = @Channel) AND (@Store IS NULL OR o.location = @Store)
            UNION ALL
            SELECT {ReportSql.LocalDate(dialect, "l.placed_at")}, l.channel, l.location, l.line_total + l.discount_total, l.discount_total,
                   l.line_total, l.vat_amount, l.order_id, l.quantity, 0
            FROM orders.report_sales_lines l
            JOIN catalog.report_skus k ON k.sku = l.sku
            WHERE @Category IS NOT NULL AND {ReportSql.CategoryFilter} AND l.status <> 'cancelled' AND l.placed_at >= @Since AND l.placed_at < @Until
              AND (@Channel IS NULL OR l.channel = @Channel) AND (@Store IS NULL OR l.location = @Store)
            UNION ALL
            SELECT {ReportSql.LocalDate(dialect, "r.returned_at")}, r.channel, r.location, 0, 0, 0, 0, NULL, 0, r.refund_amount
            FROM orders.report_returns r
            WHERE @Category IS NULL AND r.returned_at >= @Since AND r.returned_at < @Until
              AND (@Channel IS NULL OR r.channel = @Channel) AND (@Store IS NULL OR r.location = @Store)
            UNION ALL
            SELECT {ReportSql.LocalDate(dialect, "r.returned_at")}, r.channel, r.location, 0, 0, 0, 0, NULL, 0, r.refund_amount
            FROM orders.report_return_lines r
            JOIN catalog.report_skus k ON k.sku = r.sku
            WHERE @Category IS NOT NULL AND {ReportSql.CategoryFilter} AND r.returned_at >= @Since AND r.returned_at < @Until
              AND (@Channel IS NULL OR r.channel = @Channel) AND (@Store IS NULL OR r.location = @Store))
        SELECT day, channel, location, SUM(gross), SUM(discounts), SUM(net), SUM(vat), COUNT(DISTINCT order_id),
               CASE WHEN COUNT(DISTINCT order_id) = 0 THEN 0 ELSE ROUND(SUM(net) * 1.0 / COUNT(DISTINCT order_id), 0) END, SUM(units), SUM(refunds)
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
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Channel | ReportFilters.Store | ReportFilters.Category;

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Month", ColumnType.Text), new("VAT rate %", ColumnType.Integer), new("Lines", ColumnType.Integer, Total: true),
        new("Sales incl. VAT", ColumnType.Decimal, Total: true), new("VAT", ColumnType.Decimal, Total: true),
    ];

    public override string Sql(SqlDialect dialect) =>
        $"""
        SELECT {ReportSql.LocalMonth(dialect, "l.placed_at")} AS month, l.vat_rate, COUNT(*), SUM(l.line_total), SUM(l.vat_amount)
        FROM orders.report_sales_lines l
        LEFT JOIN catalog.report_skus k ON k.sku = l.sku
        WHERE l.status <> 'cancelled' AND l.placed_at >= @Since AND l.placed_at < @Until
          AND (@Channel IS NULL OR l.channel = @Channel) AND (@Store IS NULL OR l.location = @Store) AND {ReportSql.CategoryFilter}
        GROUP BY {ReportSql.LocalMonth(dialect, "l.placed_at")}, l.vat_rate
        ORDER BY 1, 2
        """;
}

/// <summary>
/// Returns and refunds by business day, channel the return came through, store, and reason: returns, units restocked
/// and written off, and the refunds of each (the refunded lines, so they add up to the returns' refunds and to what
/// the orders refunded). The category filter keeps the lines of SKUs in that category and its sub-categories.
/// </summary>
internal sealed class ReturnsReport : ReportDefinition
{
    public override string Name => "returns-refunds";
    public override string Title => "Returns and refunds";
    public override string Description => "Returns, units restocked or written off and refunds by day, channel, store and reason.";
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Channel | ReportFilters.Store | ReportFilters.Category;

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Day", ColumnType.Date), new("Channel", ColumnType.Text), new("Store", ColumnType.Text), new("Reason", ColumnType.Text),
        new("Returns", ColumnType.Integer, Total: true), new("Units", ColumnType.Integer, Total: true),
        new("Units restocked", ColumnType.Integer, Total: true), new("Units written off", ColumnType.Integer, Total: true),
        new("Refund restocked", ColumnType.Decimal, Total: true), new("Refund written off", ColumnType.Decimal, Total: true),
        new("Refunds", ColumnType.Decimal, Total: true),
    ];

    public override string Sql(SqlDialect dialect) =>
        $"""
        SELECT {ReportSql.LocalDate(dialect, "r.returned_at")} AS day, r.channel, r.location, COALESCE(r.reason, '') AS reason,
               COUNT(DISTINCT r.return_id), SUM(r.quantity),
               SUM(CASE WHEN r.restock THEN r.quantity ELSE 0 END), SUM(CASE WHEN r.restock THEN 0 ELSE r.quantity END),
               SUM(CASE WHEN r.restock THEN r.refund_amount ELSE 0 END), SUM(CASE WHEN r.restock THEN 0 ELSE r.refund_amount END),
               SUM(r.refund_amount)
        FROM orders.report_return_lines r
        LEFT JOIN catalog.report_skus k ON k.sku = r.sku
        WHERE r.returned_at >= @Since AND r.returned_at < @Until
          AND (@Channel IS NULL OR r.channel = @Channel) AND (@Store IS NULL OR r.location = @Store) AND {ReportSql.CategoryFilter}
        GROUP BY {ReportSql.LocalDate(dialect, "r.returned_at")}, r.channel, r.location, COALESCE(r.reason, '')
        ORDER BY 1, 2, 3, 4
        """;
}
