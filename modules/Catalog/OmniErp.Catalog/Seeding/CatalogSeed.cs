using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.Data;
using OmniErp.Catalog.Products;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Catalog.Seeding;

/// <summary>
/// The demo catalogue: a category tree and ~750 products (apparel in sizes and colours, beauty in volumes, home goods
/// in colours) giving ~2,500 SKUs with Vietnamese names and valid EAN-13 barcodes. Deterministic for a given seed;
/// written with multi-row inserts in one transaction.
/// </summary>
internal static class CatalogSeed
{
    internal sealed record SeedCategory(string Code, string Name, string? Parent);

    public static readonly IReadOnlyList<SeedCategory> Categories =
    [
        new("thoi-trang", "Thời trang", null),
        new("ao-thun", "Áo thun", "thoi-trang"),
        new("ao-so-mi", "Áo sơ mi", "thoi-trang"),
        new("quan", "Quần", "thoi-trang"),
        new("vay-dam", "Váy đầm", "thoi-trang"),
        new("ao-khoac", "Áo khoác", "thoi-trang"),
        new("lam-dep", "Làm đẹp", null),
        new("cham-soc-da", "Chăm sóc da", "lam-dep"),
        new("trang-diem", "Trang điểm", "lam-dep"),
        new("cham-soc-toc", "Chăm sóc tóc", "lam-dep"),
        new("nuoc-hoa", "Nước hoa", "lam-dep"),
        new("nha-cua", "Nhà cửa", null),
        new("nha-bep", "Nhà bếp", "nha-cua"),
        new("phong-ngu", "Phòng ngủ", "nha-cua"),
        new("phong-tam", "Phòng tắm", "nha-cua"),
        new("trang-tri", "Trang trí", "nha-cua"),
    ];

    private sealed record Family(string Category, string Prefix, string[] Kinds, string[] Styles, string Unit, int VatRate, string Axis);

    private static readonly Family[] Families =
    [
        new("ao-thun", "AT", ["Áo thun", "Áo polo", "Áo ba lỗ"], ["cổ tròn", "cổ tim", "oversize", "basic", "in họa tiết", "kẻ sọc"], "cái", 8, "apparel"),
        new("ao-so-mi", "SM", ["Áo sơ mi", "Áo sơ mi linen", "Áo kiểu"], ["tay dài", "tay ngắn", "công sở", "cổ tàu", "họa tiết hoa"], "cái", 8, "apparel"),
        new("quan", "QU", ["Quần jeans", "Quần kaki", "Quần short", "Quần tây"], ["ống suôn", "slim fit", "ống rộng", "lưng cao", "co giãn"], "cái", 8, "apparel"),
        new("vay-dam", "VD", ["Đầm suông", "Váy chữ A", "Đầm maxi", "Chân váy"], ["hoa nhí", "trơn", "xếp ly", "dự tiệc", "công sở"], "cái", 8, "apparel"),
        new("ao-khoac", "AK", ["Áo khoác gió", "Áo cardigan", "Áo blazer", "Áo hoodie"], ["chống nắng", "dáng lửng", "hai lớp", "có mũ"], "cái", 8, "apparel"),
        new("cham-soc-da", "DA", ["Sữa rửa mặt", "Kem dưỡng ẩm", "Serum", "Toner", "Kem chống nắng", "Mặt nạ"], ["trà xanh", "nghệ Hưng Yên", "rau má", "bí đao", "hoa hồng", "cà phê Đắk Lắk"], "chai", 10, "volume"),
        new("trang-diem", "TD", ["Son kem lì", "Son dưỡng", "Phấn nước", "Kẻ mắt", "Mascara"], ["lâu trôi", "mềm môi", "tự nhiên", "chống nước"], "cây", 10, "shade"),
        new("cham-soc-toc", "TO", ["Dầu gội", "Dầu xả", "Tinh dầu dưỡng tóc"], ["bưởi", "bồ kết", "hương nhu", "dừa Bến Tre"], "chai", 10, "volume"),
        new("nuoc-hoa", "NH", ["Nước hoa", "Xịt thơm toàn thân"], ["hoa sen", "trầm hương", "hoa nhài", "gỗ đàn hương"], "chai", 10, "volume"),
        new("nha-bep", "NB", ["Nồi inox", "Chảo chống dính", "Bộ dao", "Hộp đựng thực phẩm", "Thớt gỗ"], ["3 đáy", "vân đá", "cao cấp", "tiện dụng"], "bộ", 8, "colour"),
        new("phong-ngu", "PN", ["Bộ chăn ga", "Gối cao su", "Chăn lông", "Nệm topper"], ["cotton Hàn", "lụa tencel", "mềm mịn", "kháng khuẩn"], "bộ", 8, "colour"),
        new("phong-tam", "PT", ["Khăn tắm", "Thảm chùi chân", "Kệ nhà tắm", "Bàn chải"], ["sợi tre", "cotton", "chống trơn", "tre tự nhiên"], "cái", 8, "colour"),
        new("trang-tri", "TT", ["Bình gốm", "Đèn ngủ", "Khung ảnh", "Nến thơm", "Tranh sơn mài"], ["Bát Tràng", "mây tre", "thủ công", "Hội An"], "cái", 5, "colour"),
    ];

    private static readonly string[] Brands =
        ["Sen Việt", "Mộc Lan", "An Nhiên", "Bình Minh", "Lụa Hà Đông", "Cỏ Mềm", "Thanh Trúc", "Phố Hội", "Hương Quê", "Sông Hàn", "Tràng An", "Mây Ngàn"];

    private static readonly (string Code, string Name)[] Colours =
        [("DEN", "Đen"), ("TRG", "Trắng"), ("DO", "Đỏ"), ("XNH", "Xanh navy"), ("BE", "Be"), ("XAM", "Xám"), ("HG", "Hồng"), ("XLA", "Xanh lá")];

    private static readonly string[] Sizes = ["S", "M", "L", "XL", "XXL"];
    private static readonly (string Code, string Name)[] Volumes = [("30ML", "30ml"), ("50ML", "50ml"), ("100ML", "100ml"), ("200ML", "200ml")];
    private static readonly (string Code, string Name)[] Shades = [("01", "01 Đỏ gạch"), ("02", "02 Hồng đất"), ("03", "03 Cam cháy"), ("04", "04 Nude"), ("05", "05 Đỏ mận")];

    public static async Task<int> RunAsync(DbSession session, DemoSeed seed, CancellationToken ct)
    {
        var random = seed.Random;
        var now = seed.Now;
        var categoryIds = new Dictionary<string, long>();
        var categoryRows = new List<object?[]>();
        foreach (var c in Categories)
        {
            var id = categoryIds.Count + 1L;
            categoryIds[c.Code] = id;
            var path = c.Parent is null ? c.Code : $"{c.Parent}/{c.Code}";
            categoryRows.Add([id, c.Code, c.Name, c.Parent is null ? null : categoryIds[c.Parent], path]);
        }

        var products = new List<object?[]>();
        var channels = new List<object?[]>();
        var variants = new List<object?[]>();
        var attributes = new List<object?[]>();
        var slugs = new HashSet<string>();
        var productCount = seed.Scaled(750);
        long variantId = 0;
        for (var i = 0; i < productCount; i++)
        {
            var family = Families[i % Families.Length];
            var productId = i + 1L;
            var code = $"{family.Prefix}{productId:D5}";
            var kind = family.Kinds[random.Next(family.Kinds.Length)];
            var style = family.Styles[random.Next(family.Styles.Length)];
            var brand = Brands[random.Next(Brands.Length)];
            var name = $"{kind} {style} {brand}";
            var slug = CatalogRules.Slugify($"{kind} {style} {brand} {code}");
            slugs.Add(slug);
            var roll = random.Next(100);
            var status = roll < 4 ? ProductStatus.Draft : roll < 8 ? ProductStatus.Discontinued : ProductStatus.Active;
            var vat = random.Next(40) == 0 ? 0 : family.VatRate;
            var images = $"https://cdn.omnierp.vn/img/{slug}-1.jpg\nhttps://cdn.omnierp.vn/img/{slug}-2.jpg";
            products.Add([productId, code, name, slug, categoryIds[family.Category], brand, family.Unit, vat, status.ToString(),
                $"{name}: hàng chính hãng, bảo hành đổi trả 30 ngày tại mọi cửa hàng.", images, now.AddDays(-random.Next(30, 400)), now.AddDays(-random.Next(0, 30))]);
            var listed = random.Next(10) switch { 0 => new[] { "store", "web" }, 1 => ["web", "shopee"], _ => ["store", "web", "shopee"] };
            foreach (var ch in listed) channels.Add([productId, ch]);

            var position = 0;
            foreach (var (suffix, label, attrs) in VariantsOf(family, random))
            {
                variantId++;
                var sku = $"{code}-{suffix}";
                var variantName = $"{name} - {label}";
                var barcode = Ean13(variantId);
                variants.Add([variantId, productId, sku, variantName, barcode, CatalogRules.SearchText(sku, variantName, brand, barcode), position++]);
                foreach (var (attrName, attrValue) in attrs) attributes.Add([variantId, attrName, attrValue]);
            }
        }

        await BulkInsert.RunAsync(session, "catalog.categories", ["id", "code", "name", "parent_id", "path"], categoryRows, ct);
        await BulkInsert.RunAsync(session, "catalog.products",
            ["id", "code", "name", "slug", "category_id", "brand", "unit", "vat_rate", "status", "description", "image_urls", "created_at", "updated_at"], products, ct);
        await BulkInsert.RunAsync(session, "catalog.product_channels", ["product_id", "channel"], channels, ct);
        await BulkInsert.RunAsync(session, "catalog.variants", ["id", "product_id", "sku", "name", "barcode", "search_text", "position"], variants, ct);
        await BulkInsert.RunAsync(session, "catalog.variant_attributes", ["variant_id", "name", "value"], attributes, ct);
        foreach (var table in new[] { "catalog.categories", "catalog.products", "catalog.variants" })
            await BulkInsert.SyncIdentityAsync(session, table, ct);
        return variants.Count;
    }

    private static IEnumerable<(string Suffix, string Label, (string, string)[] Attributes)> VariantsOf(Family family, Random random)
    {
        switch (family.Axis)
        {
            case "apparel":
            {
                var colours = Pick(Colours, 1 + random.Next(2), random);
                var sizes = Sizes.Skip(random.Next(2)).Take(3 + random.Next(2)).ToArray();
                foreach (var c in colours)
                foreach (var s in sizes)
                    yield return ($"{s}-{c.Code}", $"{c.Name}, {s}", [("color", c.Name), ("size", s)]);
                break;
            }
            case "volume":
                foreach (var v in Volumes.Skip(random.Next(2)).Take(1 + random.Next(3)))
                    yield return (v.Code, v.Name, [("volume", v.Name)]);
                break;
            case "shade":
                foreach (var s in Pick(Shades, 2 + random.Next(3), random))
                    yield return ($"S{s.Code}", s.Name, [("shade", s.Name)]);
                break;
            default:
                foreach (var c in Pick(Colours, 1 + random.Next(3), random))
                    yield return (c.Code, c.Name, [("color", c.Name)]);
                break;
        }
    }

    private static T[] Pick<T>(T[] items, int count, Random random)
    {
        var start = random.Next(items.Length);
        return Enumerable.Range(0, Math.Min(count, items.Length)).Select(k => items[(start + k * 3) % items.Length]).Distinct().ToArray();
    }

    /// <summary>A valid EAN-13 under Vietnam's GS1 prefix 893 for the n-th demo item.</summary>
    public static string Ean13(long n)
    {
        var body = $"893{n % 1_000_000_000:D9}";
        return body + CatalogRules.GtinCheckDigit(body);
    }
}
