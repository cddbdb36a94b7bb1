using System.Text;
using Dapper;
using MediatR;
using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.Data;
using OmniErp.Catalog.Products;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Catalog.Storefront;

/// <summary>
/// Active products listed on a channel, in product-code order after a cursor, filtered by category subtree, text and
/// attributes; products, variants and attributes come back in one round trip.
/// </summary>
internal sealed record BrowseProducts(string Channel, int First = 24, string? After = null, string? Category = null, string? Text = null,
    IReadOnlyList<AttributeValue>? Attributes = null, string? Sku = null, string? Slug = null) : IQuery<ProductSlice>;

internal sealed record ProductSlice(IReadOnlyList<ProductNode> Nodes, bool HasNextPage)
{
    public static string Cursor(ProductNode node) => Convert.ToBase64String(Encoding.UTF8.GetBytes(node.Code));

    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(cursor)); }
        catch (FormatException) { throw OmniErp.Kernel.Errors.AppException.Invalid("after", "The cursor is not one this API gave out."); }
    }
}

internal sealed class BrowseProductsHandler(DbSession session) : IRequestHandler<BrowseProducts, ProductSlice>
{
    public async Task<ProductSlice> Handle(BrowseProducts r, CancellationToken ct)
    {
        var take = Math.Clamp(r.First, 1, 100);
        var args = new DynamicParameters();
        var where = new List<string>
        {
            "p.status = 'Active'",
            "EXISTS (SELECT 1 FROM catalog.product_channels pc WHERE pc.product_id = p.id AND pc.channel = @channel)",
        };
        args.Add("channel", r.Channel);
        args.Add("take", take + 1);
        if (ProductSlice.Decode(r.After) is { } after) { where.Add("p.code > @after"); args.Add("after", after); }
        if (!string.IsNullOrWhiteSpace(r.Category))
        {
            where.Add("p.category_id IN (SELECT k.id FROM catalog.categories k, catalog.categories root WHERE root.code = @category AND (k.path = root.path OR k.path LIKE root.path || '/%'))");
            args.Add("category", r.Category.Trim());
        }
        var words = CatalogRules.Fold(r.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length && i < 5; i++)
        {
            where.Add($"EXISTS (SELECT 1 FROM catalog.variants sv WHERE sv.product_id = p.id AND sv.search_text LIKE @w{i})");
            args.Add($"w{i}", "%" + words[i].Replace("%", "").Replace("_", "") + "%");
        }
        var attributes = r.Attributes ?? [];
        for (var i = 0; i < attributes.Count && i < 5; i++)
        {
            where.Add($"EXISTS (SELECT 1 FROM catalog.variants av JOIN catalog.variant_attributes a ON a.variant_id = av.id WHERE av.product_id = p.id AND a.name = @an{i} AND a.value = @av{i})");
            args.Add($"an{i}", attributes[i].Name.Trim().ToLowerInvariant());
            args.Add($"av{i}", attributes[i].Value.Trim());
        }
        if (r.Sku is not null) { where.Add("EXISTS (SELECT 1 FROM catalog.variants kv WHERE kv.product_id = p.id AND kv.sku = @sku)"); args.Add("sku", r.Sku); }
        if (r.Slug is not null) { where.Add("p.slug = @slug"); args.Add("slug", r.Slug); }
        var page = $"SELECT p.id FROM catalog.products p WHERE {string.Join(" AND ", where)} ORDER BY p.code LIMIT @take";
        var sql = $"""
            SELECT p.id AS Id, p.code AS Code, p.name AS Name, p.slug AS Slug, p.brand AS Brand, p.unit AS Unit, p.vat_rate AS VatRate, p.status AS Status,
                   p.description AS Description, p.image_urls AS ImageUrls, c.code AS CategoryCode, c.name AS CategoryName, c.path AS CategoryPath
            FROM catalog.products p JOIN catalog.categories c ON c.id = p.category_id
            WHERE p.id IN ({page}) ORDER BY p.code;
            SELECT v.id AS Id, v.product_id AS ProductId, v.sku AS Sku, v.name AS Name, v.barcode AS Barcode
            FROM catalog.variants v WHERE v.product_id IN ({page}) ORDER BY v.product_id, v.position, v.sku;
            SELECT a.variant_id AS VariantId, a.name AS Name, a.value AS Value
            FROM catalog.variant_attributes a JOIN catalog.variants v ON v.id = a.variant_id WHERE v.product_id IN ({page}) ORDER BY a.variant_id, a.name;
            """;
        var (products, variants, attrs) = await session.QueryMultipleAsync(sql, args, async grid => (
            (await grid.ReadAsync<ProductRow>()).ToList(),
            (await grid.ReadAsync<VariantRow>()).ToList(),
            (await grid.ReadAsync<(long VariantId, string Name, string Value)>()).ToLookup(a => a.VariantId, a => new AttributeValue(a.Name, a.Value))), ct);
        var byProduct = variants.ToLookup(v => v.ProductId);
        var nodes = products.Take(take).Select(p => new ProductNode(p.Code, p.Name, p.Slug, p.Brand, p.Unit, (int)p.VatRate, Enum.Parse<ProductStatus>(p.Status),
            p.Description, CatalogRules.SplitList(p.ImageUrls, '\n'), p.CategoryCode, p.CategoryName, p.CategoryPath,
            byProduct[p.Id].Select(v => new VariantNode(v.Sku, v.Name, v.Barcode, attrs[v.Id].ToList(), p.Code)).ToList())).ToList();
        return new ProductSlice(nodes, products.Count > take);
    }

    internal sealed class ProductRow
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public string? Brand { get; init; }
        public string Unit { get; init; } = "";
        public long VatRate { get; init; }
        public string Status { get; init; } = "";
        public string? Description { get; init; }
        public string ImageUrls { get; init; } = "";
        public string CategoryCode { get; init; } = "";
        public string CategoryName { get; init; } = "";
        public string CategoryPath { get; init; } = "";
    }

    internal sealed class VariantRow
    {
        public long Id { get; init; }
        public long ProductId { get; init; }
        public string Sku { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Barcode { get; init; }
    }
}
