using MediatR;
using OmniErp.Catalog.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Catalog.Products;

/// <summary>
/// The back-office product list, one row per SKU: accent-insensitive search, filters, a whitelisted sort and offset
/// paging, in two indexed SQL statements (page + count), fast at 100,000 SKUs. The page's keys are found first and only
/// those rows are decorated (attributes), so skipped OFFSET rows cost no per-row subqueries.
/// </summary>
internal sealed record ListProducts(
    string? Q = null, string? Category = null, string? Brand = null, ProductStatus? Status = null, string? Channel = null,
    string? Attribute = null, string Sort = "sku", bool Desc = false, int Page = 1, int PageSize = 50) : IQuery<ProductPage>;

internal sealed class ProductRow
{
    public string Sku { get; init; } = "";
    public string Name { get; init; } = "";
    public string ProductCode { get; init; } = "";
    public string Category { get; init; } = "";
    public string? Brand { get; init; }
    public string Status { get; init; } = "";
    public long VatRate { get; init; }
    public string? Barcode { get; init; }
    public string Attributes { get; init; } = "";
}

internal sealed record ProductPage(IReadOnlyList<ProductRow> Rows, long Total, int Page, int PageSize)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

internal sealed class ListProductsHandler(DbSession session) : IRequestHandler<ListProducts, ProductPage>
{
    public static readonly IReadOnlyDictionary<string, string> Sorts = new Dictionary<string, string>
    {
        ["sku"] = "v.sku", ["name"] = "v.name", ["brand"] = "p.brand", ["category"] = "c.name", ["status"] = "p.status", ["updated"] = "p.updated_at",
    };

    public async Task<ProductPage> Handle(ListProducts r, CancellationToken ct)
    {
        var where = new List<string>();
        var args = new Dapper.DynamicParameters();
        var words = CatalogRules.Fold(r.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < words.Length && i < 5; i++)
        {
            where.Add($"v.search_text LIKE @q{i}");
            args.Add($"q{i}", "%" + words[i].Replace("%", "").Replace("_", "") + "%");
        }
        if (!string.IsNullOrWhiteSpace(r.Category))
        {
            where.Add("p.category_id IN (SELECT k.id FROM catalog.categories k, catalog.categories root WHERE root.code = @category AND (k.path = root.path OR k.path LIKE root.path || '/%'))");
            args.Add("category", r.Category.Trim());
        }
        if (!string.IsNullOrWhiteSpace(r.Brand)) { where.Add("p.brand = @brand"); args.Add("brand", r.Brand.Trim()); }
        if (r.Status is { } status) { where.Add("p.status = @status"); args.Add("status", status.ToString()); }
        if (!string.IsNullOrWhiteSpace(r.Channel))
        {
            where.Add("EXISTS (SELECT 1 FROM catalog.product_channels pc WHERE pc.product_id = p.id AND pc.channel = @channel)");
            args.Add("channel", r.Channel.Trim());
        }
        if (r.Attribute?.Split('=', 2) is [var name, var value] && name.Trim().Length > 0)
        {
            where.Add("EXISTS (SELECT 1 FROM catalog.variant_attributes a WHERE a.variant_id = v.id AND a.name = @an AND a.value = @av)");
            args.Add("an", name.Trim().ToLowerInvariant());
            args.Add("av", value.Trim());
        }
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var from = "FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id JOIN catalog.categories c ON c.id = p.category_id";
        var order = Sorts.GetValueOrDefault(r.Sort ?? "sku", "v.sku");
        var direction = r.Desc ? "DESC" : "ASC";
        var size = Math.Clamp(r.PageSize, 10, 200);
        var page = Math.Max(1, r.Page);
        args.Add("limit", size);
        args.Add("offset", (page - 1) * size);
        var attributes = session.Dialect.IsPostgres
            ? "(SELECT string_agg(a.value, ', ' ORDER BY a.name) FROM catalog.variant_attributes a WHERE a.variant_id = v.id)"
            : "(SELECT group_concat(a.value, ', ') FROM catalog.variant_attributes a WHERE a.variant_id = v.id)";
        var rows = await session.QueryAsync<ProductRow>(
            $"""
            SELECT v.sku AS Sku, v.name AS Name, p.code AS ProductCode, c.name AS Category, p.brand AS Brand, p.status AS Status,
                   p.vat_rate AS VatRate, v.barcode AS Barcode, COALESCE({attributes}, '') AS Attributes
            {from}
            WHERE v.id IN (SELECT v.id {from} {filter} ORDER BY {order} {direction}{(order == "v.sku" ? "" : $", v.sku {direction}")} LIMIT @limit OFFSET @offset)
            ORDER BY {order} {direction}{(order == "v.sku" ? "" : $", v.sku {direction}")}
            """, args, ct);
        var total = await session.ExecuteScalarAsync<long>($"SELECT COUNT(*) {from} {filter}", args, ct);
        return new ProductPage(rows.ToList(), total, page, size);
    }
}

internal sealed record ListCategories : IQuery<IReadOnlyList<CategoryOption>>;

internal sealed record CategoryOption(string Code, string Name, string Path, int Depth);

/// <summary>The category tree for this module's pickers: the contract's tree with each category's depth, for indenting.</summary>
internal sealed class ListCategoriesHandler(IMediator mediator) : IRequestHandler<ListCategories, IReadOnlyList<CategoryOption>>
{
    public async Task<IReadOnlyList<CategoryOption>> Handle(ListCategories request, CancellationToken ct) =>
        (await mediator.Send(new GetCategories(), ct)).Select(c => new CategoryOption(c.Code, c.Name, c.Path, c.Path.Count(ch => ch == '/'))).ToList();
}

internal sealed class GetCategoriesHandler(DbSession session) : IRequestHandler<GetCategories, IReadOnlyList<CategoryNode>>
{
    public async Task<IReadOnlyList<CategoryNode>> Handle(GetCategories request, CancellationToken ct) =>
        (await session.QueryAsync<(string Code, string Name, string Path)>("SELECT code, name, path FROM catalog.categories ORDER BY path", ct: ct))
        .Select(c => new CategoryNode(c.Code, c.Name, c.Path, c.Path.Contains('/') ? c.Path[..c.Path.LastIndexOf('/')].Split('/')[^1] : null)).ToList();
}

internal sealed record ListBrands : IQuery<IReadOnlyList<string>>;

internal sealed class ListBrandsHandler(DbSession session) : IRequestHandler<ListBrands, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListBrands request, CancellationToken ct) =>
        (await session.QueryAsync<string>("SELECT DISTINCT brand FROM catalog.products WHERE brand IS NOT NULL ORDER BY brand", ct: ct)).ToList();
}
