using OmniErp.Catalog.Contracts;

namespace OmniErp.Catalog.Products;

/// <summary>A product: what the customer thinks of as one thing, sold as one or more variants (SKUs).</summary>
internal sealed class Product
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public long CategoryId { get; set; }
    public string? Brand { get; set; }
    public string Unit { get; set; } = "cái";
    public int VatRate { get; set; }
    public ProductStatus Status { get; set; }
    public string? Description { get; set; }

    /// <summary>Image URLs, one per line.</summary>
    public string ImageUrls { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Variant> Variants { get; set; } = [];
    public List<ProductChannel> Channels { get; set; } = [];
}

/// <summary>One sellable variant: the SKU, its barcode and the attributes telling it apart (size, colour…).</summary>
internal sealed class Variant
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Barcode { get; set; }
    public string SearchText { get; set; } = "";
    public int Position { get; set; }
    public List<VariantAttribute> Attributes { get; set; } = [];
}

internal sealed class VariantAttribute
{
    public long VariantId { get; set; }
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class ProductChannel
{
    public long ProductId { get; set; }
    public string Channel { get; set; } = "";
}
