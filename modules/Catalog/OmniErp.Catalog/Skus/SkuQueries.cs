using MediatR;
using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.Data;
using OmniErp.Kernel.Data;

namespace OmniErp.Catalog.Skus;

/// <summary>The Catalog contract's reads: SKUs as other modules see them, one SQL statement per call.</summary>
internal static class SkuSql
{
    public static string Select(SqlDialect dialect) => $"""
        SELECT v.sku AS Sku, v.name AS Name, p.code AS ProductCode, c.code AS CategoryCode, c.name AS CategoryName,
               p.brand AS Brand, p.vat_rate AS VatRate, p.unit AS Unit, p.status AS Status, v.barcode AS Barcode,
               p.image_urls AS ImageUrls, c.path AS CategoryPath,
               (SELECT {(dialect.IsPostgres ? "string_agg(pc.channel, ',')" : "group_concat(pc.channel, ',')")}
                  FROM catalog.product_channels pc WHERE pc.product_id = p.id) AS Channels
        FROM catalog.variants v
        JOIN catalog.products p ON p.id = v.product_id
        JOIN catalog.categories c ON c.id = p.category_id
        """;

    internal sealed class Row
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

        public SkuInfo ToInfo() => new(
            Sku, Name, ProductCode, CategoryCode, CategoryName, Brand, (int)VatRate, Unit,
            Enum.Parse<ProductStatus>(Status),
            (Channels ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList(),
            Barcode,
            ImageUrls.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(),
            CategoryPath);
    }
}

internal sealed class GetSkusHandler(DbSession session) : IRequestHandler<GetSkus, IReadOnlyList<SkuInfo>>
{
    public async Task<IReadOnlyList<SkuInfo>> Handle(GetSkus request, CancellationToken cancellationToken)
    {
        var skus = request.Skus.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToArray();
        if (skus.Length == 0) return [];
        var result = new List<SkuInfo>(skus.Length);
        // Chunked so a huge request stays under every driver's parameter limit.
        foreach (var chunk in skus.Chunk(2000))
        {
            var rows = await session.QueryAsync<SkuSql.Row>(session.Dialect.Lists(SkuSql.Select(session.Dialect) + " WHERE v.sku IN @chunk"), new { chunk = session.Dialect.ListValue(chunk) }, cancellationToken);
            result.AddRange(rows.Select(r => r.ToInfo()));
        }
        return result;
    }
}

internal sealed class ListSkusHandler(DbSession session) : IRequestHandler<ListSkus, IReadOnlyList<SkuInfo>>
{
    public async Task<IReadOnlyList<SkuInfo>> Handle(ListSkus request, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(request.Limit, 1, 10_000);
        var offset = Math.Max(0, request.Offset);
        var rows = await session.QueryAsync<SkuSql.Row>(
            SkuSql.Select(session.Dialect) + " WHERE (@Status IS NULL OR p.status = @Status) ORDER BY v.sku LIMIT @limit OFFSET @offset",
            new { Status = request.Status?.ToString(), limit, offset }, cancellationToken);
        return rows.Select(r => r.ToInfo()).ToList();
    }
}

internal sealed class FindSkusHandler(DbSession session) : IRequestHandler<FindSkus, IReadOnlyList<SkuInfo>>
{
    public async Task<IReadOnlyList<SkuInfo>> Handle(FindSkus request, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var category = request.Category?.Trim().ToLowerInvariant();
        var brand = request.Brand?.Trim().ToLowerInvariant();
        var prefix = request.SkuStartsWith?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(category))
            where.Add("(c.path = (SELECT s.path FROM catalog.categories s WHERE s.code = @category) OR c.path LIKE (SELECT s.path FROM catalog.categories s WHERE s.code = @category) || '/%')");
        if (!string.IsNullOrEmpty(brand)) where.Add("(p.brand = @brandExact OR lower(p.brand) = @brand)");
        if (!string.IsNullOrEmpty(prefix)) where.Add("v.sku LIKE @prefix ESCAPE '\\'");
        var rows = await session.QueryAsync<SkuSql.Row>(
            SkuSql.Select(session.Dialect) + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + " ORDER BY v.sku LIMIT @limit",
            new { category, brand, brandExact = request.Brand?.Trim(), prefix = prefix?.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%", limit = Math.Clamp(request.Limit, 1, 10_000) }, cancellationToken);
        return rows.Select(r => r.ToInfo()).ToList();
    }
}
