using OmniErp.Kernel.Data;
using OmniErp.Reports.Export;

namespace OmniErp.Reports.Definitions;

/// <summary>
/// Stock value at the end of the <c>To</c> day, by location and SKU: quantity is the sum of the ledger up to then;
/// cost is the weighted average of all receipts up to then (Σ quantity × unit cost / Σ quantity), so the figure for a
/// past date is reproducible from the ledger alone. Inventory's perpetual average (inventory.sku_costs) equals it
/// while no stock has left between receipts.
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

    public override string Sql(SqlDialect dialect) =>
        """
        WITH quantities AS (
            SELECT location, location_name, sku, SUM(quantity) AS quantity
            FROM inventory.report_movements
            WHERE occurred_at < @Until AND (@Store IS NULL OR location = @Store)
            GROUP BY location, location_name, sku),
        costs AS (
            SELECT sku, ROUND(SUM(quantity * unit_cost) * 1.0 / SUM(quantity), 4) AS average_cost
            FROM inventory.report_movements
            WHERE kind = 'Receipt' AND occurred_at < @Until AND unit_cost IS NOT NULL
            GROUP BY sku)
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
