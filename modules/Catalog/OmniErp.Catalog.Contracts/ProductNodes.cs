namespace OmniErp.Catalog.Contracts;

// What the storefront GraphQL resolves Product and Variant to; public so other modules can extend those types
// (Pricing adds `price`, Inventory `availability`) from the parent object without seeing Catalog's internals.

public sealed record AttributeValue(string Name, string Value);

public sealed record VariantNode(string Sku, string Name, string? Barcode, IReadOnlyList<AttributeValue> Attributes, string ProductCode);

public sealed record ProductNode(
    string Code, string Name, string Slug, string? Brand, string Unit, int VatRate, ProductStatus Status, string? Description,
    IReadOnlyList<string> ImageUrls, string CategoryCode, string CategoryName, string CategoryPath, IReadOnlyList<VariantNode> Variants)
{
    public IReadOnlyList<string> Skus => Variants.Select(v => v.Sku).ToList();
}

public sealed record CategoryNode(string Code, string Name, string Path, string? ParentCode);
