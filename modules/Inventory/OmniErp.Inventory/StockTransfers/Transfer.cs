namespace OmniErp.Inventory.StockTransfers;

internal enum TransferStatus
{
    InTransit,
    Received,
}

/// <summary>Goods sent from one location to another: out of the sender's stock when shipped, into the receiver's when received.</summary>
internal sealed class Transfer
{
    public long Id { get; set; }
    public string FromLocation { get; set; } = "";
    public string ToLocation { get; set; } = "";
    public TransferStatus Status { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset ShippedAt { get; set; }
    public string ShippedBy { get; set; } = "";
    public DateTimeOffset? ReceivedAt { get; set; }
    public string? ReceivedBy { get; set; }
    public List<TransferLine> Lines { get; set; } = [];
}

internal sealed class TransferLine
{
    public long TransferId { get; set; }
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
}
