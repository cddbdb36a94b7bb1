namespace OmniErp.Reports.Contracts;

/// <summary>
/// What other modules may use of Reports. Nothing yet: Reports only reads, through the <c>report_*</c> views each
/// module publishes, and no module depends on it. Report names, for links and scheduled jobs (CLI <c>report &lt;name&gt;</c>).
/// </summary>
public static class ReportNames
{
    public const string InventoryValuation = "inventory-valuation";
    public const string StockLedger = "stock-ledger";
    public const string PriceChanges = "price-changes";
    public const string LoyaltyLiability = "loyalty-liability";
    public const string SalesByDay = "sales-by-day";
    public const string VatByRate = "vat-by-rate";
}
