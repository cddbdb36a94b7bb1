namespace OmniErp.Reports.Definitions;

/// <summary>All reports by name; a report is added here and nowhere else.</summary>
internal static class ReportCatalogue
{
    public static readonly IReadOnlyList<ReportDefinition> All =
    [
        new InventoryValuationReport(),
        new StockLedgerReport(),
        new PriceChangeAuditReport(),
        new LoyaltyLiabilityReport(),
        new SalesByDayReport(),
        new VatByRateReport(),
        new GrossMarginReport(),
        new CostToServeReport(),
        new ReturnsReport(),
    ];

    public static ReportDefinition? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
