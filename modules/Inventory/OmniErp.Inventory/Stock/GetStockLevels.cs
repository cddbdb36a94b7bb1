using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Data;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Stock;

internal sealed class GetStockLevelsHandler(DbSession session) : IRequestHandler<GetStockLevels, IReadOnlyList<StockLevel>>
{
    public async Task<IReadOnlyList<StockLevel>> Handle(GetStockLevels request, CancellationToken cancellationToken)
    {
        var result = new List<StockLevel>();
        var locations = request.Locations?.Distinct().ToList();
        foreach (var chunk in request.Skus.Distinct().Chunk(500))
        {
            var rows = await session.QueryAsync<Row>(
                session.Dialect.Lists("SELECT sku AS Sku, location AS Location, on_hand AS OnHand, reserved AS Reserved FROM inventory.stock WHERE sku IN @Skus" +
                (locations is null ? "" : " AND location IN @Locations") + " ORDER BY sku, location"),
                new { Skus = session.Dialect.ListValue(chunk), Locations = locations is null ? null : session.Dialect.ListValue(locations) }, cancellationToken);
            result.AddRange(rows.Select(r => new StockLevel(r.Sku, r.Location, r.OnHand, r.Reserved, r.OnHand - r.Reserved)));
        }
        return result;
    }

    private sealed class Row
    {
        public string Sku { get; set; } = "";
        public string Location { get; set; } = "";
        public int OnHand { get; set; }
        public int Reserved { get; set; }
    }
}
