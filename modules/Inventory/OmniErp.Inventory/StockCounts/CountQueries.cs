using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.StockCounts;

internal sealed record ListCounts(int Take = 50) : IQuery<IReadOnlyList<CountView>>;

internal sealed record GetCountSheet(long Id) : IQuery<CountView?>;

internal sealed class CountView
{
    public long Id { get; set; }
    public string Location { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Note { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTimeOffset? PostedAt { get; set; }
    public string? PostedBy { get; set; }
    public int LineCount { get; set; }
    public List<CountLineView> Lines { get; set; } = [];
}

internal sealed class CountLineView
{
    public string Sku { get; set; } = "";
    public int? Counted { get; set; }
    public int? Expected { get; set; }
    public int? Variance { get; set; }
}

internal sealed class CountQueriesHandler(DbSession session) : IRequestHandler<ListCounts, IReadOnlyList<CountView>>, IRequestHandler<GetCountSheet, CountView?>
{
    private const string Select =
        """
        SELECT c.id AS Id, c.location AS Location, c.status AS Status, c.note AS Note, c.started_at AS StartedAt, c.started_by AS StartedBy,
               c.posted_at AS PostedAt, c.posted_by AS PostedBy,
               (SELECT COUNT(*) FROM inventory.stock_count_lines l WHERE l.count_id = c.id) AS LineCount
        FROM inventory.stock_counts c
        """;

    public async Task<IReadOnlyList<CountView>> Handle(ListCounts request, CancellationToken cancellationToken) =>
        (await session.QueryAsync<CountView>(Select + " ORDER BY CASE WHEN c.status = 'Open' THEN 0 ELSE 1 END, c.started_at DESC, c.id DESC LIMIT @Take",
            new { request.Take }, cancellationToken)).ToList();

    public async Task<CountView?> Handle(GetCountSheet request, CancellationToken cancellationToken)
    {
        var sheet = await session.QuerySingleOrDefaultAsync<CountView>(Select + " WHERE c.id = @Id", new { request.Id }, cancellationToken);
        if (sheet is null) return null;
        sheet.Lines = (await session.QueryAsync<CountLineView>(
            "SELECT sku AS Sku, counted AS Counted, expected AS Expected, variance AS Variance FROM inventory.stock_count_lines WHERE count_id = @Id ORDER BY sku",
            new { request.Id }, cancellationToken)).ToList();
        return sheet;
    }
}
