using System.Globalization;
using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.Products;

namespace OmniErp.Catalog.ProductImport;

/// <summary>Turns CSV text into rows, collecting every error by row and column instead of stopping at the first.</summary>
internal static class ParseCatalogCsv
{
    public const int MaxErrors = 1000;

    public static (List<CatalogRow> Rows, List<ImportError> Errors) Parse(TextReader reader, ISet<string> knownChannels)
    {
        var rows = new List<CatalogRow>();
        var errors = new List<ImportError>();
        List<string[]> records;
        try { records = Csv.Read(reader); }
        catch (FormatException ex) { return (rows, [new ImportError(0, "file", ex.Message)]); }
        if (records.Count == 0) return (rows, [new ImportError(1, "header", "The file is empty.")]);

        var header = records[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!CatalogRow.Columns.Contains(header[i])) errors.Add(new(1, header[i], $"Unknown column '{header[i]}'. Expected: {string.Join(", ", CatalogRow.Columns)}."));
            else if (!index.TryAdd(header[i], i)) errors.Add(new(1, header[i], $"Column '{header[i]}' appears twice."));
        }
        foreach (var missing in CatalogRow.Columns.Where(c => !index.ContainsKey(c)))
            errors.Add(new(1, missing, $"Column '{missing}' is missing."));
        if (errors.Count > 0) return (rows, errors);

        var skuRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var barcodeRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var productRows = new Dictionary<string, (int Row, string Key)>(StringComparer.Ordinal);
        var slugProducts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var r = 1; r < records.Count && errors.Count < MaxErrors; r++)
        {
            var record = records[r];
            var row = r + 1;
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0])) continue;
            if (record.Length != header.Length)
            {
                errors.Add(new(row, "row", $"Has {record.Length} fields; the header has {header.Length}."));
                continue;
            }
            string Get(string column) => record[index[column]].Trim();
            void Fail(string column, string message) => errors.Add(new(row, column, message));
            var before = errors.Count;

            var sku = Get("sku").ToUpperInvariant();
            if (!CatalogRules.IsSku(sku)) Fail("sku", "Enter a SKU of 2–64 characters: A–Z, 0–9, '.', '_' or '-'.");
            else if (skuRows.TryGetValue(sku, out var firstSku)) Fail("sku", $"SKU {sku} is also on row {firstSku}.");
            else skuRows[sku] = row;

            var code = Get("product_code").ToUpperInvariant();
            if (!CatalogRules.IsProductCode(code)) Fail("product_code", "Enter a product code: A–Z, 0–9, '.', '_' or '-'.");
            var name = Get("product_name");
            if (name.Length is 0 or > 300) Fail("product_name", "Enter a product name of 1–300 characters.");
            var category = Get("category").ToLowerInvariant();
            if (category.Length == 0) Fail("category", "Enter a category code.");
            var brand = NullIfEmpty(Get("brand"));
            var unit = Get("unit");
            if (unit.Length is 0 or > 20) Fail("unit", "Enter a unit of 1–20 characters (e.g. cái, chai, bộ).");
            if (!int.TryParse(Get("vat_rate"), NumberStyles.None, CultureInfo.InvariantCulture, out var vat) || !CatalogRules.VatRates.Contains(vat))
                Fail("vat_rate", "VAT rate must be 0, 5, 8 or 10.");
            if (!Enum.TryParse<ProductStatus>(Get("status"), ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(Get("status"), out _))
                Fail("status", "Status must be Draft, Active or Discontinued.");
            var channels = CatalogRules.SplitList(Get("channels").ToLowerInvariant(), '|').Order(StringComparer.Ordinal).ToList();
            foreach (var unknown in channels.Where(c => !knownChannels.Contains(c)))
                Fail("channels", $"Unknown channel '{unknown}'. Known: {string.Join(", ", knownChannels.Order())}.");
            var barcode = NullIfEmpty(Get("barcode"));
            if (barcode is not null)
            {
                if (!CatalogRules.IsValidGtin(barcode)) Fail("barcode", $"'{barcode}' is not a valid GTIN-8/12/13/14 (check digit).");
                else if (barcodeRows.TryGetValue(barcode, out var firstBarcode)) Fail("barcode", $"Barcode {barcode} is also on row {firstBarcode}.");
                else barcodeRows[barcode] = row;
            }
            var attributes = CatalogRules.ParseAttributes(Get("attributes"), out var attributeError);
            if (attributes is null) Fail("attributes", attributeError!);
            var images = CatalogRules.SplitList(Get("image_urls"), '|');
            foreach (var bad in images.Where(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http")))
                Fail("image_urls", $"'{bad}' is not an http(s) URL.");
            var slug = Get("slug").ToLowerInvariant();
            if (slug.Length == 0 && CatalogRules.IsProductCode(code)) slug = CatalogRules.Slugify($"{name} {code}");
            if (!CatalogRules.IsSlug(slug)) Fail("slug", "A slug has lower-case letters, digits and single hyphens (e.g. ao-thun-basic).");
            else if (slugProducts.TryGetValue(slug, out var slugOwner) && slugOwner != code) Fail("slug", $"Slug '{slug}' is also used by product {slugOwner}.");
            else slugProducts[slug] = code;
            var skuName = Get("sku_name");
            if (skuName.Length == 0 && attributes is not null)
                skuName = attributes.Count == 0 ? name : $"{name} - {string.Join(", ", attributes.Select(a => a.Value))}";
            if (skuName.Length > 300) Fail("sku_name", "A SKU name has at most 300 characters.");
            var description = NullIfEmpty(Get("description"));
            if (errors.Count > before) continue;

            var parsed = new CatalogRow(sku, code, name, skuName, category, brand, unit, vat, status, channels, barcode, attributes!, images, slug, description);
            var key = parsed.ProductKey();
            if (productRows.TryGetValue(code, out var first))
            {
                if (first.Key != key) Fail("product_code", $"Product {code} has different product fields (name, category, brand, unit, VAT, status, channels, images, slug, description) than on row {first.Row}.");
            }
            else productRows[code] = (row, key);
            if (errors.Count == before) rows.Add(parsed);
        }
        if (records.Count <= 1 && errors.Count == 0) errors.Add(new(2, "row", "The file has a header but no rows."));
        return (rows, errors);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
