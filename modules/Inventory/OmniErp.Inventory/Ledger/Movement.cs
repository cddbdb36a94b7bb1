namespace OmniErp.Inventory.Ledger;

/// <summary>Why on hand changed. The sign each kind allows is also a CHECK on <c>inventory.movements</c>.</summary>
internal enum MovementKind
{
    Receipt,
    Sale,
    Return,
    Adjustment,
    TransferOut,
    TransferIn,
    CountCorrection,
}

/// <summary>One line of the movement ledger: the only way on hand changes. Never updated or deleted.</summary>
internal sealed class Movement
{
    public long Id { get; set; }
    public string Sku { get; set; } = "";
    public string Location { get; set; } = "";
    public MovementKind Kind { get; set; }
    public int Quantity { get; set; }
    public decimal? UnitCost { get; set; }
    public string? Reason { get; set; }
    public string? Reference { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>A movement to post: what, where, how many (signed), and the who/why the ledger keeps; when, if it is history
/// brought in late (<see cref="OmniErp.Inventory.Contracts.PostPastSales"/>), else now.</summary>
internal sealed record MovementDraft(
    string Sku,
    string Location,
    MovementKind Kind,
    int Quantity,
    string? Reason = null,
    string? Reference = null,
    decimal? UnitCost = null,
    string? RecordedBy = null,
    DateTimeOffset? OccurredAt = null)
{
    /// <summary>The sign rule of <see cref="MovementKind"/>; null when the draft keeps it.</summary>
    public string? SignProblem() => Kind switch
    {
        _ when Quantity == 0 => "A movement moves at least one unit.",
        MovementKind.Receipt or MovementKind.Return or MovementKind.TransferIn when Quantity < 0 => $"A {Kind} adds stock.",
        MovementKind.Sale or MovementKind.TransferOut when Quantity > 0 => $"A {Kind} takes stock out.",
        MovementKind.Adjustment or MovementKind.CountCorrection when string.IsNullOrWhiteSpace(Reason) => $"A {Kind} needs a reason.",
        _ => null,
    };
}

/// <summary>On hand and reserved of one SKU at one location after a change.</summary>
internal sealed class StockState
{
    public int OnHand { get; set; }
    public int Reserved { get; set; }
    public int Available => OnHand - Reserved;
}
