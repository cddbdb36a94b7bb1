using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.Stock;

/// <summary>
/// Stock rows for the back office. <see cref="HomeStore"/> (the signed-in staff member's store) sorts first;
/// <see cref="LowOnly"/> keeps rows at or below their reorder point.
/// </summary>
internal sealed record ListStock(string? Search = null, string? Location = null, bool LowOnly = false, string? HomeStore = null, int Page = 1, int PageSize = 50)
    : IQuery<StockPage>;

internal sealed record StockPage(IReadOnlyList<StockRowView> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

internal sealed class StockRowView
{
    public string Sku { get; set; } = "";
    public string Location { get; set; } = "";
    public int OnHand { get; set; }
    public int Reserved { get; set; }
    public int ReorderPoint { get; set; }
    public int ReorderQuantity { get; set; }
    public int Available => OnHand - Reserved;
    public bool Low => Available <= ReorderPoint;
    public string? Name { get; set; }
}

internal sealed class ListStockHandler(DbSession session) : IRequestHandler<ListStock, StockPage>
{
    public async Task<StockPage> Handle(ListStock request, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(request.Search)) where.Add($"sku {session.Dialect.ILike} @Search");
        if (!string.IsNullOrWhiteSpace(request.Location)) where.Add("location = @Location");
        if (request.LowOnly) where.Add("on_hand - reserved <= reorder_point");
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        var page = Math.Max(1, request.Page);
        var args = new
        {
            Search = $"%{request.Search?.Trim()}%",
            request.Location,
            Home = request.HomeStore ?? "",
            Take = request.PageSize,
            Skip = (page - 1) * request.PageSize,
        };
        var total = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory.stock" + filter, args, cancellationToken);
        var rows = (await session.QueryAsync<StockRowView>(
            $"""
            SELECT sku AS Sku, location AS Location, on_hand AS OnHand, reserved AS Reserved, reorder_point AS ReorderPoint, reorder_quantity AS ReorderQuantity
            FROM inventory.stock{filter}
            ORDER BY CASE WHEN location = @Home THEN 0 ELSE 1 END, {(request.LowOnly ? "on_hand - reserved - reorder_point, " : "")}sku, location
            LIMIT @Take OFFSET @Skip
            """, args, cancellationToken)).ToList();
        return new StockPage(rows, (int)total, page, request.PageSize);
    }
}
