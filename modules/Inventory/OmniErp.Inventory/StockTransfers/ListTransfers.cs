using MediatR;
using OmniErp.Inventory.Data;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.StockTransfers;

/// <summary>The latest transfers, those still in transit first, with their lines.</summary>
internal sealed record ListTransfers(int Take = 50) : IQuery<IReadOnlyList<TransferView>>;

internal sealed class TransferView
{
    public long Id { get; set; }
    public string FromLocation { get; set; } = "";
    public string ToLocation { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Note { get; set; }
    public DateTimeOffset ShippedAt { get; set; }
    public string ShippedBy { get; set; } = "";
    public DateTimeOffset? ReceivedAt { get; set; }
    public string? ReceivedBy { get; set; }
    public List<(string Sku, int Quantity)> Lines { get; } = [];
}

internal sealed class ListTransfersHandler(DbSession session) : IRequestHandler<ListTransfers, IReadOnlyList<TransferView>>
{
    public async Task<IReadOnlyList<TransferView>> Handle(ListTransfers request, CancellationToken cancellationToken)
    {
        var transfers = (await session.QueryAsync<TransferView>(
            """
            SELECT id AS Id, from_location AS FromLocation, to_location AS ToLocation, status AS Status, note AS Note,
                   shipped_at AS ShippedAt, shipped_by AS ShippedBy, received_at AS ReceivedAt, received_by AS ReceivedBy
            FROM inventory.transfers
            ORDER BY CASE WHEN status = 'InTransit' THEN 0 ELSE 1 END, shipped_at DESC, id DESC
            LIMIT @Take
            """, new { request.Take }, cancellationToken)).ToList();
        if (transfers.Count == 0) return transfers;
        var byId = transfers.ToDictionary(t => t.Id);
        var lines = await session.QueryAsync<LineRow>(
            session.Dialect.Lists("SELECT transfer_id AS TransferId, sku AS Sku, quantity AS Quantity FROM inventory.transfer_lines WHERE transfer_id IN @Ids ORDER BY sku"),
            new { Ids = session.Dialect.ListValue(byId.Keys) }, cancellationToken);
        foreach (var l in lines) byId[l.TransferId].Lines.Add((l.Sku, l.Quantity));
        return transfers;
    }

    private sealed class LineRow
    {
        public long TransferId { get; set; }
        public string Sku { get; set; } = "";
        public int Quantity { get; set; }
    }
}
