using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Data;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Costing;

/// <summary>
/// Weighted average cost per SKU over all locations: a receipt of q at cost c moves the average to
/// (on hand × average + q × c) / (on hand + q). Called before the receipt is posted, with the cost row locked, so two
/// receipts of one SKU apply one after the other.
/// </summary>
internal sealed class AverageCost(DbSession session)
{
    public async Task ReceiveAsync(string sku, int quantity, decimal unitCost, string currency, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = await session.ExecuteAsync(
            """
            INSERT INTO inventory.sku_costs (sku, average_cost, currency, updated_at) VALUES (@Sku, @Cost, @Currency, @Now)
            ON CONFLICT (sku) DO NOTHING
            """,
            new { Sku = sku, Cost = unitCost, Currency = currency, Now = now }, ct);
        if (inserted == 1) return;

        // Lock first: in READ COMMITTED the next statement then reads the stock committed by whoever held the lock.
        await session.ExecuteAsync("UPDATE inventory.sku_costs SET updated_at = @Now WHERE sku = @Sku", new { Sku = sku, Now = now }, ct);
        await session.ExecuteAsync(
            """
            UPDATE inventory.sku_costs SET average_cost = ROUND(
                CASE WHEN (SELECT COALESCE(SUM(on_hand), 0) FROM inventory.stock WHERE sku = @Sku) <= 0 THEN @Cost
                     ELSE ((SELECT COALESCE(SUM(on_hand), 0) FROM inventory.stock WHERE sku = @Sku) * average_cost + @Quantity * @Cost) * 1.0
                          / ((SELECT COALESCE(SUM(on_hand), 0) FROM inventory.stock WHERE sku = @Sku) + @Quantity)
                END, 4)
            WHERE sku = @Sku
            """,
            new { Sku = sku, Cost = unitCost, Quantity = quantity }, ct);
    }
}

internal sealed class GetSkuCostsHandler(DbSession session) : IRequestHandler<GetSkuCosts, IReadOnlyList<SkuCostInfo>>
{
    public async Task<IReadOnlyList<SkuCostInfo>> Handle(GetSkuCosts request, CancellationToken cancellationToken)
    {
        var result = new List<SkuCostInfo>();
        foreach (var chunk in request.Skus.Distinct().Chunk(500))
            result.AddRange((await session.QueryAsync<CostRow>(
                session.Dialect.Lists("SELECT sku AS Sku, average_cost AS AverageCost, currency AS Currency FROM inventory.sku_costs WHERE sku IN @Skus ORDER BY sku"),
                new { Skus = session.Dialect.ListValue(chunk) }, cancellationToken)).Select(r => new SkuCostInfo(r.Sku, r.AverageCost, r.Currency)));
        return result;
    }
}

internal sealed class GetStockValuationHandler(DbSession session) : IRequestHandler<GetStockValuation, IReadOnlyList<StockValuationLine>>
{
    public async Task<IReadOnlyList<StockValuationLine>> Handle(GetStockValuation request, CancellationToken cancellationToken) =>
        (await session.QueryAsync<ValuationRow>(
            """
            SELECT s.location AS Location, s.sku AS Sku, s.on_hand AS OnHand, COALESCE(c.average_cost, 0) AS AverageCost, COALESCE(c.currency, 'VND') AS Currency
            FROM inventory.stock s LEFT JOIN inventory.sku_costs c ON c.sku = s.sku
            WHERE s.on_hand > 0 AND (@Location IS NULL OR s.location = @Location)
            ORDER BY s.location, s.sku
            """,
            new { request.Location }, cancellationToken))
        .Select(r => new StockValuationLine(r.Location, r.Sku, r.OnHand, r.AverageCost, Math.Round(r.OnHand * r.AverageCost, 0, MidpointRounding.AwayFromZero), r.Currency))
        .ToList();

    private sealed class ValuationRow
    {
        public string Location { get; set; } = "";
        public string Sku { get; set; } = "";
        public int OnHand { get; set; }
        public decimal AverageCost { get; set; }
        public string Currency { get; set; } = "";
    }
}

internal sealed class CostRow
{
    public string Sku { get; set; } = "";
    public decimal AverageCost { get; set; }
    public string Currency { get; set; } = "";
}
