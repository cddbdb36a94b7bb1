using OmniErp.Kernel.Data;
using OmniErp.Reports.Export;

namespace OmniErp.Reports.Definitions;

/// <summary>Every price change in the date range: who changed what, from which price to which, through which screen or job.</summary>
internal sealed class PriceChangeAuditReport : ReportDefinition
{
    public override string Name => "price-changes";
    public override string Title => "Price change audit";
    public override string Description => "Base, channel, scheduled and promotional price changes with old and new values.";
    public override ReportFilters Filters => ReportFilters.DateRange | ReportFilters.Channel | ReportFilters.Category;
    public override string Roles => "Admin,Accountant,Merchandiser";

    public override IReadOnlyList<ReportColumn> Columns { get; } =
    [
        new("Changed at (UTC)", ColumnType.Timestamp), new("Kind", ColumnType.Text), new("SKU", ColumnType.Text), new("Product", ColumnType.Text),
        new("Channel", ColumnType.Text), new("Subject", ColumnType.Text), new("Currency", ColumnType.Text),
        new("Old price", ColumnType.Decimal), new("New price", ColumnType.Decimal), new("Old value", ColumnType.Text),
        new("New value", ColumnType.Text), new("Changed by", ColumnType.Text), new("Source", ColumnType.Text),
    ];

    public override string Sql(SqlDialect dialect) =>
        """
        SELECT p.changed_at, p.kind, p.sku, k.variant_name, p.channel, p.subject, p.currency, p.old_price, p.new_price,
               p.old_value, p.new_value, p.changed_by, p.source
        FROM pricing.report_price_changes p
        LEFT JOIN catalog.report_skus k ON k.sku = p.sku
        WHERE p.changed_at >= @Since AND p.changed_at < @Until AND (@Channel IS NULL OR p.channel = @Channel)
          AND (@Category IS NULL OR (k.sku IS NOT NULL AND 
        """ + ReportSql.CategoryFilter + """
        ))
        ORDER BY p.id
        """;
}
