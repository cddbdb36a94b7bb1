using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.StockMovements;

/// <summary>The movement ledger, newest first, filtered by SKU, location and kind.</summary>
internal sealed record ListMovements(string? Sku = null, string? Location = null, string? Kind = null, int Page = 1, int PageSize = 50) : IQuery<MovementPage>;

internal sealed record MovementPage(IReadOnlyList<MovementView> Rows, int Page, bool HasMore);

internal sealed class MovementView
{
    public long Id { get; set; }
    public string Sku { get; set; } = "";
    public string Location { get; set; } = "";
    public string Kind { get; set; } = "";
    public int Quantity { get; set; }
    public decimal? UnitCost { get; set; }
    public string? Reason { get; set; }
    public string? Reference { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? RecordedBy { get; set; }
}

internal sealed class ListMovementsHandler(DbSession session) : IRequestHandler<ListMovements, MovementPage>
{
    public async Task<MovementPage> Handle(ListMovements request, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(request.Sku)) where.Add("sku = @Sku");
        if (!string.IsNullOrWhiteSpace(request.Location)) where.Add("location = @Location");
        if (!string.IsNullOrWhiteSpace(request.Kind)) where.Add("kind = @Kind");
        var page = Math.Max(1, request.Page);
        // One row more than the page tells whether there is a next page without counting a ledger that only grows.
        var rows = (await session.QueryAsync<MovementView>(
            $"""
            SELECT id AS Id, sku AS Sku, location AS Location, kind AS Kind, quantity AS Quantity,
                   {(session.Dialect.IsPostgres ? "unit_cost" : "CAST(unit_cost AS REAL)")} AS UnitCost, -- SQLite: integer or real row by row
                   reason AS Reason, reference AS Reference, occurred_at AS OccurredAt, recorded_by AS RecordedBy
            FROM inventory.movements{(where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where))}
            ORDER BY occurred_at DESC, id DESC
            LIMIT @Take OFFSET @Skip
            """,
            new { Sku = request.Sku?.Trim(), request.Location, request.Kind, Take = request.PageSize + 1, Skip = (page - 1) * request.PageSize },
            cancellationToken)).ToList();
        return new MovementPage(rows.Take(request.PageSize).ToList(), page, rows.Count > request.PageSize);
    }
}
