using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Catalog.Contracts;

// What other modules may ask the Catalog module. Handlers are internal to OmniErp.Catalog.

public enum ProductStatus
{
    Draft,
    Active,
    Discontinued,
}

/// <summary>One sellable SKU (a product's variant) as other modules see it. <see cref="CategoryPath"/>: category codes from the root, '/'-joined.</summary>
public sealed record SkuInfo(
    string Sku,
    string Name,
    string ProductCode,
    string CategoryCode,
    string CategoryName,
    string? Brand,
    int VatRate,
    string Unit,
    ProductStatus Status,
    IReadOnlyList<string> Channels,
    string? Barcode,
    string? ImageUrl,
    string? CategoryPath = null);

/// <summary>The SKUs asked for that exist; unknown SKUs are left out.</summary>
public sealed record GetSkus(IReadOnlyCollection<string> Skus) : IQuery<IReadOnlyList<SkuInfo>>;

/// <summary>Every SKU, in SKU order, a page at a time (for seeding, feeds and reports).</summary>
public sealed record ListSkus(int Offset = 0, int Limit = 1000, ProductStatus? Status = null) : IQuery<IReadOnlyList<SkuInfo>>;

/// <summary>A SKU was created or its catalog data changed (name, category, VAT class, status, channels).</summary>
public sealed record SkuChanged(string Sku, ProductStatus Status) : IIntegrationEvent;

/// <summary>
/// The SKUs in a scope, in SKU order (bulk edits, feeds): a category with its sub-categories, a brand (exact, any case),
/// SKUs starting with a prefix; the filters given all apply. At most <see cref="Limit"/> (max 10,000).
/// </summary>
public sealed record FindSkus(string? Category = null, string? Brand = null, string? SkuStartsWith = null, int Limit = 5000) : IQuery<IReadOnlyList<SkuInfo>>;

/// <summary>The whole category tree, parents before children (in path order): for pickers and for checking a category code.</summary>
public sealed record GetCategories : IQuery<IReadOnlyList<CategoryNode>>;
