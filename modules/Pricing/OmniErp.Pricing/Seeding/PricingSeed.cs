using OmniErp.Catalog.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Money;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Data;

namespace OmniErp.Pricing.Seeding;

/// <summary>
/// Demo prices for every seeded SKU (VND, rounded to the currency's step), channel policies (store and web keep parity,
/// Shopee may go up to +5 %), a few key items, Shopee overrides, tier prices, quantity breaks, a scheduled sale, and
/// promotions with coupons. Written in one transaction with multi-row inserts.
/// </summary>
internal static class PricingSeed
{
    public static async Task RunAsync(DbSession session, IReadOnlyList<SkuInfo> skus, Currency currency, DemoSeed seed, CancellationToken ct)
    {
        var r = seed.Random;
        var now = seed.Now;
        const string by = "seed";
        await Insert(session, "pricing.channel_policies", ["channel", "max_up_percent", "max_down_percent"],
            [["store", 0m, 0m], ["web", 0m, 0m], ["shopee", 5m, 0m]], ct);

        var bases = new List<object?[]>();
        var overrides = new List<object?[]>();
        var segments = new List<object?[]>();
        var breaks = new List<object?[]>();
        var scheduled = new List<object?[]>();
        var audit = new List<object?[]>();
        var productPrice = new Dictionary<string, decimal>();
        var keyProducts = new HashSet<string>();
        foreach (var s in skus)
        {
            if (!productPrice.TryGetValue(s.ProductCode, out var price))
            {
                var (low, high) = s.CategoryPath?.Split('/')[0] switch
                {
                    "thoi-trang" => (149_000, 899_000),
                    "lam-dep" => (89_000, 1_290_000),
                    _ => (59_000, 2_490_000),
                };
                price = currency.RoundPrice(Math.Round((low + (decimal)r.NextDouble() * (high - low)) / 1000m) * 1000m - 1000m);
                productPrice[s.ProductCode] = price;
                if (r.Next(25) == 0) keyProducts.Add(s.ProductCode);
            }
            // Larger volumes and sizes cost a little more.
            var skuPrice = s.Sku.Contains("100ML") || s.Sku.Contains("200ML") ? currency.RoundPrice(price * 1.6m) : s.Sku.Contains("XXL") ? price + 20_000m : price;
            var key = keyProducts.Contains(s.ProductCode);
            bases.Add([s.Sku, currency.Code, skuPrice, key, now.AddDays(-60), by]);
            audit.Add(["Base", s.Sku, null, currency.Code, null, skuPrice, now.AddDays(-60), by, "seed"]);
            if (!key && s.Channels.Contains("shopee") && r.Next(5) == 0)
            {
                var up = currency.RoundPrice(skuPrice * (1m + r.Next(1, 6) / 100m));
                if (up > skuPrice * 1.05m) up -= currency.PriceStep;
                overrides.Add([s.Sku, "shopee", up, now.AddDays(-30), by]);
                audit.Add(["Channel", s.Sku, "shopee", currency.Code, null, up, now.AddDays(-30), by, "seed"]);
            }
            if (r.Next(6) == 0) segments.Add([s.Sku, "tier:gold", currency.RoundPrice(skuPrice * 0.95m)]);
            if (r.Next(10) == 0) segments.Add([s.Sku, "group:wholesale", currency.RoundPrice(skuPrice * 0.85m)]);
            if (s.CategoryPath?.StartsWith("nha-cua", StringComparison.Ordinal) == true && r.Next(4) == 0)
                breaks.Add([s.Sku, 3, currency.RoundPrice(skuPrice * 0.9m)]);
            if (!key && r.Next(30) == 0)
            {
                var sale = currency.RoundPrice(skuPrice * 0.8m);
                scheduled.Add([s.Sku, null, sale, now.AddDays(-3), now.AddDays(11), "Sale cuối năm", now.AddDays(-5), by]);
                audit.Add(["Scheduled", s.Sku, null, currency.Code, null, sale, now.AddDays(-5), by, "seed"]);
            }
        }
        await Insert(session, "pricing.base_prices", ["sku", "currency", "price", "key_item", "updated_at", "updated_by"], bases, ct);
        await Insert(session, "pricing.channel_prices", ["sku", "channel", "price", "updated_at", "updated_by"], overrides, ct);
        await Insert(session, "pricing.segment_prices", ["sku", "segment", "price"], segments, ct);
        await Insert(session, "pricing.quantity_breaks", ["sku", "min_quantity", "unit_price"], breaks, ct);
        await Insert(session, "pricing.scheduled_prices", ["sku", "channel", "price", "valid_from", "valid_to", "note", "created_at", "created_by"], scheduled, ct);

        var someSku = skus.FirstOrDefault(s => s.Status == ProductStatus.Active && !keyProducts.Contains(s.ProductCode))?.Sku;
        object?[] Promo(long id, string code, string name, string kind, string target, string? targetCode, decimal value, int buy, int get, decimal min,
            string stacking, int priority, string channels, DateTimeOffset? from, DateTimeOffset? to, bool coupon) =>
            [id, code, name, kind, target, targetCode, value, buy, get, min, stacking, priority, channels, from, to, coupon, true, now.AddDays(-10), now.AddDays(-10)];
        var promotions = new List<object?[]>
        {
            Promo(1, "THOITRANG10", "Giảm 10% thời trang", "PercentOff", "Category", "thoi-trang", 10m, 0, 0, 0m, "Stackable", 10, "", now.AddDays(-7), now.AddDays(23), false),
            Promo(2, "LAMDEP-B2G1", "Mua 2 tặng 1 chăm sóc da", "BuyXGetY", "Category", "cham-soc-da", 100m, 2, 1, 0m, "Exclusive", 5, "", now.AddDays(-7), now.AddDays(23), false),
            Promo(3, "WEB5", "Giảm 5% đơn hàng online", "PercentOff", "Order", null, 5m, 0, 0, 500_000m, "Stackable", 20, "web", null, null, false),
            Promo(4, "CHAOBAN50K", "Chào bạn mới giảm 50.000đ", "AmountOff", "Order", null, 50_000m, 0, 0, 300_000m, "Stackable", 30, "", now.AddDays(-30), now.AddDays(60), true),
            Promo(5, "SIEUSALE", "Siêu sale 12.12 giảm 20%", "PercentOff", "Order", null, 20m, 0, 0, 1_000_000m, "Exclusive", 1, "web,shopee", now.AddDays(-1), now.AddDays(30), true),
        };
        if (someSku is not null)
            promotions.Add(Promo(6, "FLASH-" + someSku.Split('-')[0], "Flash sale giảm 30.000đ", "AmountOff", "Sku", someSku, 30_000m, 0, 0, 0m, "Stackable", 15, "", now.AddDays(-1), now.AddDays(6), false));
        await Insert(session, "pricing.promotions",
            ["id", "code", "name", "kind", "target", "target_code", "value", "buy_quantity", "get_quantity", "min_subtotal", "stacking", "priority", "channels",
             "valid_from", "valid_to", "requires_coupon", "active", "created_at", "updated_at"], promotions, ct);
        if (session.Dialect.IsPostgres)
            await session.ExecuteAsync("SELECT setval(pg_get_serial_sequence('pricing.promotions', 'id'), (SELECT max(id) FROM pricing.promotions))", ct: ct);
        await Insert(session, "pricing.coupons", ["code", "promotion_id", "usage_limit", "used_count"],
            [["CHAOBAN50K", 4L, 1000, 0], ["SIEUSALE1212", 5L, 200, 0], ["VIP-TET", 5L, 1, 0]], ct);
        foreach (var p in promotions)
            audit.Add(["Promotion", null, null, null, null, null, now.AddDays(-10), by, "seed"]);
        await Insert(session, "pricing.price_changes", ["kind", "sku", "channel", "currency", "old_price", "new_price", "changed_at", "changed_by", "source"], audit, ct);
    }

    private static Task Insert(DbSession session, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct) =>
        BulkInsert.RunAsync(session, table, columns, rows, ct);
}
