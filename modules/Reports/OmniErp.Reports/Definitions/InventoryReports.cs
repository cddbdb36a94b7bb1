using OmniErp.Kernel.Data;
using OmniErp.Reports.Export;

namespace OmniErp.Reports.Definitions;

/// <summary>
/// Stock value at the end of the <c>To</c> day, by location and SKU: quantity is the sum of the ledger up to then;
/// cost is the weighted average cost replayed from the ledger in movement order, the rule Inventory applies as it
/// posts (a receipt of q at c moves the average over all locations to (on hand × average + q × c) / (on hand + q),
/// rounded to 4 places; other movements leave it). So a past date's value comes from the ledger alone and today's
/// equals Inventory's perpetual cost for stock posted through its commands.
/// </summary>
internal sealed class InventoryValuationReport : ReportDefinition
{
    public override string Name => "inventory-valuation";
    public override string Title => "Inventory valuation";
    public override string Description => "Quantity × weighted average cost as of a date, by location and category.";
    public override ReportFilters Filters => ReportFilters.AsOf | ReportFilters.Store | ReportFilters.Category;
    public override string Roles => "Admin,Accountant,StoreManager,Merchandiser";

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Location", ColumnType.Text), new("Location name", ColumnType.Text), new("Category", ColumnType.Text),
        new("SKU", ColumnType.Text), new("Product", ColumnType.Text), new("Quantity", ColumnType.Integer, Total: true),
        new("Average cost", ColumnType.Decimal), new("Value", ColumnType.Decimal, Total: true),
    ];

    // The recursion walks every SKU's movements in step (step k = each SKU's k-th movement), so it runs as many
    // rounds as the busiest SKU has movements, each a join on (sku, rn).
    public override string Sql(SqlDialect dialect) =>
        """
        WITH RECURSIVE ordered AS MATERIALIZED (
            SELECT sku, kind, CAST(quantity AS bigint) AS quantity, CAST(unit_cost AS numeric) AS unit_cost,
                   ROW_NUMBER() OVER (PARTITION BY sku ORDER BY id) AS rn
            FROM inventory.report_movements
            WHERE occurred_at < @Until),
        walk (sku, rn, on_hand, average_cost) AS (
            SELECT sku, rn, quantity, CASE WHEN kind = 'Receipt' THEN unit_cost END
            FROM ordered WHERE rn = 1
            UNION ALL
            SELECT o.sku, o.rn, w.on_hand + o.quantity,
                   CASE WHEN o.kind <> 'Receipt' OR o.unit_cost IS NULL THEN w.average_cost
                        WHEN w.average_cost IS NULL OR w.on_hand <= 0 OR w.on_hand + o.quantity = 0 THEN o.unit_cost
                        ELSE CAST(ROUND((w.on_hand * w.average_cost + o.quantity * o.unit_cost) * 1.0 / (w.on_hand + o.quantity), 4) AS numeric) END
            FROM walk w JOIN ordered o ON o.sku = w.sku AND o.rn = w.rn + 1),
        costs AS (
            SELECT w.sku, w.average_cost FROM walk w
            WHERE NOT EXISTS (SELECT 1 FROM ordered o WHERE o.sku = w.sku AND o.rn = w.rn + 1)),
        quantities AS (
            SELECT location, location_name, sku, SUM(quantity) AS quantity
            FROM inventory.report_movements
            WHERE occurred_at < @Until AND (@Store IS NULL OR location = @Store)
            GROUP BY location, location_name, sku)
        SELECT q.location, q.location_name, COALESCE(k.category_name, ''), q.sku, COALESCE(k.variant_name, q.sku),
               q.quantity, COALESCE(c.average_cost, 0), ROUND(q.quantity * COALESCE(c.average_cost, 0), 4)
        FROM quantities q
        LEFT JOIN costs c ON c.sku = q.sku
        LEFT JOIN catalog.report_skus k ON k.sku = q.sku
        WHERE q.quantity <> 0 AND 
        """ + ReportSql.CategoryFilter + """

        ORDER BY q.location, k.category_name, q.sku
        """;
}

/// <summary>Every stock movement in the date range, in ledger order.</summary>
internal sealed class StockLedgerReport : ReportDefinition
{
    public override string Name => "stock-ledger";
    public override string Title => "Stock movement ledger";
    public override string Description => "Every receipt, sale, return, adjustment, transfer and count correction.";
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Store | ReportFilters.Category;
    public override string Roles => "Admin,Accountant,StoreManager,Merchandiser";

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Movement", ColumnType.Integer), new("Occurred at (UTC)", ColumnType.Timestamp), new("Location", ColumnType.Text),
        new("SKU", ColumnType.Text), new("Product", ColumnType.Text), new("Category", ColumnType.Text), new("Kind", ColumnType.Text),
        new("Quantity", ColumnType.Integer, Total: true), new("Unit cost", ColumnType.Decimal), new("Reference", ColumnType.Text),
        new("Reason", ColumnType.Text), new("Recorded by", ColumnType.Text),
    ];

    public override string Sql(SqlDialect dialect) =>
        """
        SELECT m.id, m.occurred_at, m.location, m.sku, COALESCE(k.variant_name, m.sku), COALESCE(k.category_name, ''), m.kind,
               m.quantity, m.unit_cost, m.reference, m.reason, m.recorded_by
        FROM inventory.report_movements m
        LEFT JOIN catalog.report_skus k ON k.sku = m.sku
        WHERE m.occurred_at >= @Since AND m.occurred_at < @Until AND (@Store IS NULL OR m.location = @Store) AND 
        """ + ReportSql.CategoryFilter + """

        ORDER BY m.id
        """;
}
