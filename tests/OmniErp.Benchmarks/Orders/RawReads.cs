using OmniErp.Kernel.Data;

namespace OmniErp.Benchmarks.Orders;

/// <summary>
/// The read statements one web placeOrder issues, as the modules write them (Customers' token check and customer
/// summary, Orders' repeat check and read-back, Catalog's SKU facts, Pricing's rules, Inventory's locations), for the
/// raw-SQL baseline. When a module changes one of these statements, change it here too: the statement log printed by
/// <c>OMNIERP_BENCH_STATEMENTS=1 dotnet run -c Release --project tests/OmniErp.Benchmarks -- orders-cpu postgres</c>
/// is the reference.
/// </summary>
internal static class RawReads
{
    public const string Session = """
        SELECT s.customer_id FROM customers.sessions s
        JOIN customers.customers c ON c.id = s.customer_id
        WHERE s.access_hash = @hash AND s.revoked_at IS NULL AND s.access_expires_at > @now AND c.merged_into_id IS NULL
        """;

    public const string Repeat =
        "SELECT request_hash AS RequestHash, order_id AS OrderId FROM orders.idempotency_keys WHERE channel = 'web' AND idempotency_key = @key";

    public static string Skus(SqlDialect dialect) => $"""
        SELECT v.sku AS Sku, v.name AS Name, p.code AS ProductCode, c.code AS CategoryCode, c.name AS CategoryName,
               p.brand AS Brand, p.vat_rate AS VatRate, p.unit AS Unit, p.status AS Status, v.barcode AS Barcode,
               p.image_urls AS ImageUrls, c.path AS CategoryPath,
               (SELECT {(dialect.IsPostgres ? "string_agg(pc.channel, ',')" : "group_concat(pc.channel, ',')")}
                  FROM catalog.product_channels pc WHERE pc.product_id = p.id) AS Channels
        FROM catalog.variants v
        JOIN catalog.products p ON p.id = v.product_id
        JOIN catalog.categories c ON c.id = p.category_id
         WHERE v.sku IN @chunk
        """;

    private const string PromotionColumns =
        "id AS Id, code AS Code, name AS Name, kind AS Kind, target AS Target, target_code AS TargetCode, value AS Value, buy_quantity AS BuyQuantity, " +
        "get_quantity AS GetQuantity, min_subtotal AS MinSubtotal, stacking AS Stacking, priority AS Priority, channels AS Channels, " +
        "valid_from AS ValidFrom, valid_to AS ValidTo, requires_coupon AS RequiresCoupon, active AS Active";

    /// <summary>Pricing's rules for the SKUs, one round trip (no coupons given, so no coupon statements).</summary>
    public static string Rules(SqlDialect dialect) => $"""
        SELECT sku AS Sku, price AS Price, key_item AS KeyItem FROM pricing.base_prices WHERE sku IN @skus;
        SELECT sku AS Sku, price AS Price FROM pricing.channel_prices WHERE channel = @channel AND sku IN @skus;
        SELECT sku AS Sku, channel AS Channel, price AS Price, valid_from AS ValidFrom, valid_to AS ValidTo FROM pricing.scheduled_prices
          WHERE sku IN @skus AND valid_from <= @at AND (valid_to IS NULL OR valid_to > @at) AND (channel IS NULL OR channel = @channel);
        SELECT sku AS Sku, segment AS Segment, price AS Price FROM pricing.segment_prices WHERE sku IN @skus;
        SELECT sku AS Sku, min_quantity AS MinQuantity, unit_price AS UnitPrice FROM pricing.quantity_breaks WHERE sku IN @skus;
        SELECT {PromotionColumns} FROM pricing.promotions
          WHERE active = {(dialect.IsPostgres ? "true" : "1")} AND (valid_from IS NULL OR valid_from <= @at) AND (valid_to IS NULL OR valid_to > @at);
        """;

    public const string Customer = """
        SELECT id AS Id, name AS Name, phone AS Phone, email AS Email, group_code AS "Group", tier AS Tier FROM customers.customers
        WHERE id = (SELECT COALESCE(merged_into_id, id) FROM customers.customers WHERE id = @id) AND merged_into_id IS NULL
        """;

    public const string Locations = """
        SELECT code AS Code, name AS Name, type AS Type, address AS Address, latitude AS Latitude, longitude AS Longitude,
               opening_hours AS OpeningHours, pickup_enabled AS PickupEnabled, active AS Active
        FROM inventory.locations WHERE active = @Active ORDER BY CASE WHEN type = 'Store' THEN 0 ELSE 1 END, code
        """;

    public const string Header = """
        SELECT id AS Id, number AS Number, channel AS Channel, fulfilment AS Fulfilment, status AS Status, payment_status AS PaymentStatus,
        payment_method AS PaymentMethod, customer_id AS CustomerId, location AS Location, sourcing_reason AS SourcingReason,
        reservation_id AS ReservationId, currency AS Currency, subtotal AS Subtotal, discount_total AS DiscountTotal, vat_total AS VatTotal,
        total AS Total, amount_paid AS AmountPaid, refunded_amount AS RefundedAmount, delivery_address AS DeliveryAddress,
        external_id AS ExternalId, coupon_codes AS CouponCodes, placed_by AS PlacedBy, placed_at AS PlacedAt, points_redeemed AS PointsRedeemed FROM orders.orders WHERE number = @number
        """;

    public sealed class SkuRow
    {
        public string Sku { get; init; } = "";
        public string Name { get; init; } = "";
        public string ProductCode { get; init; } = "";
        public string CategoryCode { get; init; } = "";
        public string CategoryName { get; init; } = "";
        public string? Brand { get; init; }
        public long VatRate { get; init; }
        public string Unit { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Barcode { get; init; }
        public string ImageUrls { get; init; } = "";
        public string? Channels { get; init; }
        public string CategoryPath { get; init; } = "";
    }

    public sealed class PromotionRow
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Target { get; init; } = "";
        public string? TargetCode { get; init; }
        public decimal Value { get; init; }
        public long BuyQuantity { get; init; }
        public long GetQuantity { get; init; }
        public decimal MinSubtotal { get; init; }
        public string Stacking { get; init; } = "";
        public long Priority { get; init; }
        public string Channels { get; init; } = "";
        public DateTimeOffset? ValidFrom { get; init; }
        public DateTimeOffset? ValidTo { get; init; }
        public bool RequiresCoupon { get; init; }
        public bool Active { get; init; }
    }

    public sealed class CustomerRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public string? Group { get; init; }
        public string? Tier { get; init; }
    }

    public sealed class LocationRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string? Address { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public string? OpeningHours { get; init; }
        public bool PickupEnabled { get; init; }
        public bool Active { get; init; }
    }

    public sealed class HeaderRow
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Fulfilment { get; init; } = "";
        public string Status { get; init; } = "";
        public string PaymentStatus { get; init; } = "";
        public string? PaymentMethod { get; init; }
        public long? CustomerId { get; init; }
        public string Location { get; init; } = "";
        public string? SourcingReason { get; init; }
        public string? ReservationId { get; init; }
        public string Currency { get; init; } = "";
        public decimal Subtotal { get; init; }
        public decimal DiscountTotal { get; init; }
        public decimal VatTotal { get; init; }
        public decimal Total { get; init; }
        public decimal AmountPaid { get; init; }
        public decimal RefundedAmount { get; init; }
        public string? DeliveryAddress { get; init; }
        public string? ExternalId { get; init; }
        public string? CouponCodes { get; init; }
        public string PlacedBy { get; init; } = "";
        public DateTimeOffset PlacedAt { get; init; }
        public int PointsRedeemed { get; init; }
    }
}
