namespace OmniErp.Inventory.StockCounts;

internal enum StockCountStatus
{
    Open,
    Posted,
}

/// <summary>A count sheet for one location: staff record what they count; posting turns variances into corrections.</summary>
internal sealed class StockCount
{
    public long Id { get; set; }
    public string Location { get; set; } = "";
    public StockCountStatus Status { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTimeOffset? PostedAt { get; set; }
    public string? PostedBy { get; set; }
    public List<StockCountLine> Lines { get; set; } = [];
}

internal sealed class StockCountLine
{
    public long CountId { get; set; }
    public string Sku { get; set; } = "";

    /// <summary>What staff counted; null until counted (an uncounted line posts nothing).</summary>
    public int? Counted { get; set; }

    /// <summary>On hand when the sheet was started, then on hand at posting.</summary>
    public int? Expected { get; set; }

    public int? Variance { get; set; }
}
