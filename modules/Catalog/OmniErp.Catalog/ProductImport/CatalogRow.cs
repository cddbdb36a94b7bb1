using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.Products;

namespace OmniErp.Catalog.ProductImport;

/// <summary>One SKU as a line of the catalog CSV; product fields repeat on each of the product's lines.</summary>
internal sealed record CatalogRow(
    string Sku, string ProductCode, string ProductName, string SkuName, string Category, string? Brand, string Unit, int VatRate,
    ProductStatus Status, IReadOnlyList<string> Channels, string? Barcode, IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<string> ImageUrls, string Slug, string? Description)
{
    public static readonly IReadOnlyList<string> Columns =
        ["sku", "product_code", "product_name", "sku_name", "category", "brand", "unit", "vat_rate", "status", "channels", "barcode", "attributes", "image_urls", "slug", "description"];

    public string[] ToFields() =>
    [
        Sku, ProductCode, ProductName, SkuName, Category, Brand ?? "", Unit, VatRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Status.ToString(), string.Join('|', Channels), Barcode ?? "", CatalogRules.FormatAttributes(Attributes), string.Join('|', ImageUrls), Slug, Description ?? "",
    ];

    /// <summary>The product-level part, which must be the same on every line of a product.</summary>
    public string ProductKey() => string.Join('\u001f', ProductName, Category, Brand, Unit, VatRate, Status, string.Join('|', Channels), string.Join('|', ImageUrls), Slug, Description);
}

/// <summary>Something wrong in the file, by spreadsheet row (the header is row 1) and column.</summary>
internal sealed record ImportError(int Row, string Column, string Message);

internal sealed class CatalogImportRefused(IReadOnlyList<ImportError> errors)
    : OmniErp.Kernel.Errors.AppException(OmniErp.Kernel.Errors.ErrorKind.Validation,
        errors.Select(e => new OmniErp.Kernel.Errors.Error("IMPORT_INVALID", e.Message, $"row {e.Row}, {e.Column}")).ToList())
{
    public IReadOnlyList<ImportError> Rows { get; } = errors;
}
