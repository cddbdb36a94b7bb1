using OmniErp.Kernel.Data;
using OmniErp.Reports.CostRates;
using OmniErp.Reports.Export;

namespace OmniErp.Reports.Definitions;

/// <summary>
/// The cost of goods sold, shared by the margin reports, read from the cost Inventory's ledger stores on each issue
/// entry (a Sale movement carries the weighted average cost at the moment it was posted, published in
/// <c>inventory.report_movements.unit_cost</c>) — a sum, not a replay of the ledger:
/// <list type="bullet">
/// <item>units an order issued (Sale movements whose reference is the order number) cost what their entry carries;</item>
/// <item>units not (yet) issued — an open delivery order, or history imported without a ledger entry — cost Inventory's
/// current weighted average (<c>inventory.report_stock.average_cost</c>): what issuing them now would cost.</item>
/// </list>
/// Revenue and COGS belong to the order's business day (matching principle), whatever day the goods left.
/// The CTEs give <c>sold_costs</c>: one row per order and SKU with units, net (incl. VAT), VAT, lines and cogs.
/// </summary>
internal static class CogsSql
{
    public static string Ctes(SqlDialect dialect) =>
        """
        issues AS (
            SELECT reference, sku, SUM(-quantity) AS units, SUM(-quantity * COALESCE(unit_cost, 0)) AS cost
            FROM inventory.report_movements WHERE kind = 'Sale' AND reference IS NOT NULL
            GROUP BY reference, sku),
        current_cost AS (
            SELECT sku, MAX(average_cost) AS average_cost FROM inventory.report_stock GROUP BY sku),
        sold AS MATERIALIZED (
            SELECT l.order_id, l.number, l.channel, l.fulfilment, l.location, l.placed_at, l.sku,
                   SUM(l.quantity) AS units, SUM(l.line_total) AS net, SUM(l.vat_amount) AS vat, COUNT(*) AS lines
            FROM orders.report_sales_lines l
            WHERE l.status <> 'cancelled' AND l.placed_at >= @Since AND l.placed_at < @Until
              AND (@Channel IS NULL OR l.channel = @Channel) AND (@Store IS NULL OR l.location = @Store)
            GROUP BY l.order_id, l.number, l.channel, l.fulfilment, l.location, l.placed_at, l.sku),
        sold_costs AS (
            SELECT s.order_id, s.number, s.channel, s.fulfilment, s.location, s.placed_at, s.sku, s.units, s.net, s.vat, s.lines,
                   CASE WHEN COALESCE(i.units, 0) >= s.units THEN 0 ELSE s.units - COALESCE(i.units, 0) END AS unissued,
                   COALESCE(i.cost, 0)
                     + (CASE WHEN COALESCE(i.units, 0) >= s.units THEN 0 ELSE s.units - COALESCE(i.units, 0) END) * COALESCE(c.average_cost, 0) AS cogs
            FROM sold s
            LEFT JOIN issues i ON i.reference = s.number AND i.sku = s.sku
            LEFT JOIN current_cost c ON c.sku = s.sku)
        """;

    /// <summary>margin × 100 / revenue, 2 places; 0 without revenue.</summary>
    public static string Percent(string margin, string revenue) =>
        $"CASE WHEN {revenue} = 0 THEN 0 ELSE ROUND({margin} * 100.0 / {revenue}, 2) END";
}

/// <summary>COGS and gross margin by channel and category, for orders placed in the range (cancelled ones left out).</summary>
internal sealed class GrossMarginReport : ReportDefinition
{
    public override string Name => "gross-margin";
    public override string Title => "COGS and gross margin";
    public override string Description => "Net sales, revenue before VAT, cost of goods sold (weighted average cost at the sale) and gross margin by channel and category.";
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Channel | ReportFilters.Store | ReportFilters.Category;

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Channel", ColumnType.Text), new("Category", ColumnType.Text), new("Orders", ColumnType.Integer), new("Units", ColumnType.Integer, Total: true),
        new("Net sales", ColumnType.Decimal, Total: true), new("VAT", ColumnType.Decimal, Total: true), new("Revenue excl. VAT", ColumnType.Decimal, Total: true),
        new("COGS", ColumnType.Decimal, Total: true), new("Gross margin", ColumnType.Decimal, Total: true), new("Gross margin %", ColumnType.Decimal),
        new("Units not issued (at current average cost)", ColumnType.Integer, Total: true),
    ];

    public override string Sql(SqlDialect dialect) =>
        $"""
        WITH {CogsSql.Ctes(dialect)}
        SELECT s.channel, COALESCE(k.category_name, ''), COUNT(DISTINCT s.order_id), SUM(s.units), SUM(s.net), SUM(s.vat), SUM(s.net - s.vat),
               ROUND(SUM(s.cogs), 4), ROUND(SUM(s.net - s.vat - s.cogs), 4), {CogsSql.Percent("SUM(s.net - s.vat - s.cogs)", "SUM(s.net - s.vat)")},
               SUM(s.unissued)
        FROM sold_costs s
        LEFT JOIN catalog.report_skus k ON k.sku = s.sku
        WHERE {ReportSql.CategoryFilter}
        GROUP BY s.channel, COALESCE(k.category_name, '')
        ORDER BY 1, 2
        """;
}

/// <summary>
/// What serving an order costs and what each channel really earns, by channel and fulfilment: gross margin (as the
/// margin report) less handling (per order and per line, by fulfilment), delivery (per delivery order), marketplace
/// commission (% of the order total, by channel) and payment fees (% of the order total, by payment method), with the
/// rates configured on <c>/reports/costs</c> (<c>reports.cost_rates</c>).
/// </summary>
internal sealed class CostToServeReport : ReportDefinition
{
    public override string Name => "cost-to-serve";
    public override string Title => "Cost to serve and margin by channel";
    public override string Description => "Gross margin less handling, delivery, commission and payment fees per order, by channel and fulfilment.";
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Channel | ReportFilters.Store;

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Channel", ColumnType.Text), new("Fulfilment", ColumnType.Text), new("Orders", ColumnType.Integer, Total: true),
        new("Net sales", ColumnType.Decimal, Total: true), new("Revenue excl. VAT", ColumnType.Decimal, Total: true), new("COGS", ColumnType.Decimal, Total: true),
        new("Gross margin", ColumnType.Decimal, Total: true), new("Handling", ColumnType.Decimal, Total: true), new("Delivery", ColumnType.Decimal, Total: true),
        new("Commission", ColumnType.Decimal, Total: true), new("Payment fees", ColumnType.Decimal, Total: true), new("Cost to serve", ColumnType.Decimal, Total: true),
        new("Cost to serve per order", ColumnType.Decimal), new("Margin after cost to serve", ColumnType.Decimal, Total: true),
        new("Margin after cost to serve %", ColumnType.Decimal),
    ];

    /// <summary>The rate in force on the order's business day (rows of <c>rates</c> run from their day until the next one's).</summary>
    private static string InForce(string alias, string rate, string appliesTo) =>
        $"LEFT JOIN rates {alias} ON {alias}.rate = '{rate}' AND {alias}.applies_to = {appliesTo} AND {alias}.effective_from <= o.day AND ({alias}.until IS NULL OR {alias}.until > o.day)";

    public override string Sql(SqlDialect dialect) =>
        $"""
        WITH {CogsSql.Ctes(dialect)},
        per_order AS (
            SELECT order_id, MIN(number) AS number, MIN(channel) AS channel, MIN(fulfilment) AS fulfilment,
                   {ReportSql.LocalDate(dialect, "MIN(placed_at)")} AS day,
                   SUM(net) AS net, SUM(vat) AS vat, SUM(lines) AS lines, SUM(cogs) AS cogs
            FROM sold_costs GROUP BY order_id),
        rates AS ({CostRateSql.Periods}),
        served AS (
            SELECT o.channel, o.fulfilment, o.net, o.vat, o.cogs,
                   COALESCE(ho.value, 0) + COALESCE(hl.value, 0) * o.lines AS handling,
                   COALESCE(dl.value, 0) AS delivery,
                   ROUND(o.net * COALESCE(cm.value, 0) / 100.0, 4) AS commission,
                   ROUND(o.net * COALESCE(pf.value, 0) / 100.0, 4) AS fees
            FROM per_order o
            LEFT JOIN orders.report_order_payments p ON p.order_id = o.order_id
            {InForce("ho", "handling_per_order", "o.fulfilment")}
            {InForce("hl", "handling_per_line", "o.fulfilment")}
            {InForce("dl", "delivery_per_order", "o.fulfilment")}
            {InForce("cm", "commission_percent", "o.channel")}
            {InForce("pf", "payment_fee_percent", "p.payment_method")})
        SELECT channel, fulfilment, COUNT(*), SUM(net), SUM(net - vat), ROUND(SUM(cogs), 4), ROUND(SUM(net - vat - cogs), 4),
               SUM(handling), SUM(delivery), SUM(commission), SUM(fees), SUM(handling + delivery + commission + fees),
               ROUND(SUM(handling + delivery + commission + fees) * 1.0 / COUNT(*), 0),
               ROUND(SUM(net - vat - cogs - handling - delivery - commission - fees), 4),
               {CogsSql.Percent("SUM(net - vat - cogs - handling - delivery - commission - fees)", "SUM(net - vat)")}
        FROM served
        GROUP BY channel, fulfilment
        ORDER BY 1, 2
        """;
}
