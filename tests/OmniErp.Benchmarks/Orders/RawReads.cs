using OmniErp.Kernel.Data;

namespace OmniErp.Benchmarks.Orders;

/// <summary>
/// The read statements one web placeOrder issues, taken from the modules that issue them (Customers' token check and
/// customer summary, Orders' repeat check and read-back, Catalog's SKU facts, Pricing's rules, Inventory's locations),
/// so the raw-SQL baseline runs the very same text. The statement log printed by
/// <c>OMNIERP_BENCH_STATEMENTS=1 dotnet run -c Release --project tests/OmniErp.Benchmarks -- orders-cpu postgres</c>
/// shows the app issuing them.
/// </summary>
internal static class RawReads
{
    public const string Session = OmniErp.Customers.Accounts.AuthenticateCustomerHandler.Sql;

    public const string Repeat = OmniErp.Orders.Placing.PlaceOrderHandler.RepeatSql;

    public static string Skus(SqlDialect dialect) => dialect.Lists(OmniErp.Catalog.Skus.SkuSql.Select(dialect) + " WHERE v.sku IN @chunk");

    /// <summary>Pricing's rules for the SKUs, one round trip (no coupons given, so no coupon statements).</summary>
    public static string Rules(SqlDialect dialect) => OmniErp.Pricing.Quotes.PriceBookLoader.RulesSql(dialect, hasSkus: true, hasCoupons: false);

    public const string Customer = OmniErp.Customers.Profiles.CustomerDirectory.LiveSummarySql;

    public const string Locations = OmniErp.Inventory.Locations.LocationRows.SelectActive;

    public const string Header = OmniErp.Orders.Orders.OrderSql.HeaderByNumber;
}
