using Microsoft.Extensions.DependencyInjection;
using OmniErp.Inventory.Adjustments;
using OmniErp.Inventory.Contracts;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.IntegrationTests.Inventory;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

public sealed class ReconciliationTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private sealed class Movement
    {
        public string Sku { get; init; } = "";
        public string Kind { get; init; } = "";
        public long Quantity { get; init; }
        public decimal? UnitCost { get; init; }
    }

    private sealed class StockRow
    {
        public string Location { get; init; } = "";
        public string Sku { get; init; } = "";
        public long OnHand { get; init; }
    }

    [SkippableTheory, Databases]
    public async Task Valuation_equals_the_ledger_replayed_and_the_stock_on_hand(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var valuation = ReportFiles.ParseCsv(await app.ExportAsync("inventory-valuation", new ReportFilter(Today, Today), ExportFormat.Csv)).Skip(1).ToList();

        // Quantity per location and SKU is what Inventory holds on hand.
        var stock = (await app.QueryAsync<StockRow>("SELECT location AS Location, sku AS Sku, on_hand AS OnHand FROM inventory.stock WHERE on_hand <> 0")).ToList();
        Assert.Equal(stock.OrderBy(s => s.Location).ThenBy(s => s.Sku).Select(s => (s.Location, s.Sku, s.OnHand)),
            valuation.Select(r => (r[0], r[3], (long)ReportFiles.Number(r[5]))).OrderBy(r => r.Item1).ThenBy(r => r.Item2));

        // Cost is the weighted average replayed here, independently, from the ledger in movement order.
        var movements = await app.QueryAsync<Movement>("SELECT sku AS Sku, kind AS Kind, quantity AS Quantity, CAST(unit_cost AS double precision) AS UnitCost FROM inventory.movements ORDER BY id");
        var costs = new Dictionary<string, (long OnHand, decimal? Average)>();
        foreach (var m in movements)
        {
            var (onHand, average) = costs.GetValueOrDefault(m.Sku);
            if (m.Kind == "Receipt" && m.UnitCost is { } cost)
                average = average is null || onHand <= 0 || onHand + m.Quantity == 0 ? cost : Math.Round((onHand * average.Value + m.Quantity * cost) / (onHand + m.Quantity), 4, MidpointRounding.AwayFromZero);
            costs[m.Sku] = (onHand + m.Quantity, average);
        }
        foreach (var row in valuation)
            Assert.Equal((double)(costs[row[3]].Average ?? 0), (double)ReportFiles.Number(row[6]), 3);
        var expectedTotal = valuation.Sum(r => ReportFiles.Number(r[5]) * (costs[r[3]].Average ?? 0));
        Assert.Equal((double)expectedTotal, (double)valuation.Sum(r => ReportFiles.Number(r[7])), 0);
    }

    [SkippableTheory, Databases]
    public async Task Valuation_quantity_as_of_a_date_is_the_ledger_up_to_that_date(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        foreach (var asOf in new[] { Today.AddDays(-60), Today.AddDays(-20), Today })
        {
            var valuation = ReportFiles.ParseCsv(await app.ExportAsync("inventory-valuation", new ReportFilter(asOf, asOf, Store: "HN01"), ExportFormat.Csv)).Skip(1);
            var ledger = ReportFiles.ParseCsv(await app.ExportAsync("stock-ledger", new ReportFilter(asOf.AddYears(-4), asOf, Store: "HN01"), ExportFormat.Csv)).Skip(1);
            Assert.Equal(ledger.Sum(r => ReportFiles.Number(r[7])), valuation.Sum(r => ReportFiles.Number(r[5])));
        }
    }

    [SkippableTheory, Databases]
    public async Task Valuation_agrees_with_Inventorys_perpetual_average_cost(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("WH01", "KEM-1", 10, 100_000m);
        await app.ReceiveAsync("HN01", "KEM-1", 30, 120_000m);
        await app.SendAsync(new AdjustStock("HN01", "KEM-1", -20, "lost"));
        await app.ReceiveAsync("HCM01", "KEM-1", 20, 105_000m);

        var rows = ReportFiles.ParseCsv(await app.ExportAsync("inventory-valuation", new ReportFilter(Today, Today), ExportFormat.Csv)).Skip(1).ToList();
        Assert.All(rows, r => Assert.Equal(110_000m, ReportFiles.Number(r[6])));
        var inventory = await app.SendAsync(new GetStockValuation());
        Assert.Equal(inventory.Sum(v => v.Value), rows.Sum(r => ReportFiles.Number(r[7])));
        Assert.Equal(40 * 110_000m, rows.Sum(r => ReportFiles.Number(r[7])));

        // Yesterday nothing had been received.
        Assert.Single(ReportFiles.ParseCsv(await app.ExportAsync("inventory-valuation", new ReportFilter(Today.AddDays(-1), Today.AddDays(-1)), ExportFormat.Csv)));
    }

    [SkippableTheory, Databases]
    public async Task Loyalty_liability_is_the_points_balance_at_the_point_value(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, tier, points) in new[] { (1L, "Member", 1200), (2L, "Gold", 5000), (3L, "Gold", 300) })
        {
            await app.InScopeAsync(sp => sp.GetRequiredService<OmniErp.Kernel.Data.DbSession>().ExecuteAsync(
                """
                INSERT INTO customers.customers (id, name, tier, first_channel, points_balance, created_at, updated_at)
                VALUES (@Id, @Name, @Tier, 'store', @Points, @Now, @Now)
                """, new { Id = id, Name = "Khách " + id, Tier = tier, Points = points, Now = now }));
            await app.InScopeAsync(sp => sp.GetRequiredService<OmniErp.Kernel.Data.DbSession>().ExecuteAsync(
                "INSERT INTO customers.points_ledger (customer_id, kind, points, reference, occurred_at) VALUES (@Id, 'Adjust', @Points, @Ref, @Now)",
                new { Id = id, Points = points, Ref = "test-" + id, Now = now }));
        }
        var pointValue = await app.SendAsync(new OmniErp.Customers.Contracts.GetPointsValue(0, 1));

        var rows = ReportFiles.ParseCsv(await app.ExportAsync("loyalty-liability", new ReportFilter(Today, Today), ExportFormat.Csv));
        Assert.Equal(["Gold,2,5300," + (5300 * pointValue).ToString(System.Globalization.CultureInfo.InvariantCulture), "Member,1,1200," + (1200 * pointValue).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            rows.Skip(1).Select(r => r[0] + "," + r[1] + "," + r[2] + "," + ReportFiles.Number(r[3]).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Single(ReportFiles.ParseCsv(await app.ExportAsync("loyalty-liability", new ReportFilter(Today.AddDays(-1), Today.AddDays(-1)), ExportFormat.Csv)));
    }
}
