using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.IntegrationTests.Orders;
using OmniErp.Inventory.Contracts;
using OmniErp.Orders.Contracts;
using OmniErp.Reports.CostRates;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

public sealed class MarginTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private sealed class MovementRow
    {
        public string Sku { get; init; } = "";
        public string Kind { get; init; } = "";
        public long Quantity { get; init; }
        public decimal? UnitCost { get; init; }
        public string? Reference { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
    }

    private sealed class SoldRow
    {
        public string Number { get; init; } = "";
        public string Sku { get; init; } = "";
        public long Units { get; init; }
        public DateTimeOffset PlacedAt { get; init; }
    }

    /// <summary>COGS of the orders placed in the filter, replayed here from the ledger: issued units at the weighted average
    /// of their issue entry, units not issued at the average when the order was placed.</summary>
    private static async Task<decimal> ReplayCogsAsync(TestApp app, ReportFilter filter)
    {
        var movements = await app.QueryAsync<MovementRow>(
            "SELECT sku AS Sku, kind AS Kind, quantity AS Quantity, CAST(unit_cost AS double precision) AS UnitCost, reference AS Reference, occurred_at AS OccurredAt FROM inventory.movements ORDER BY id");
        var state = new Dictionary<string, (long OnHand, decimal? Average)>();
        var history = new Dictionary<string, List<(DateTimeOffset At, decimal Average)>>();
        var issued = new Dictionary<(string Reference, string Sku), (long Units, decimal Cost)>();
        foreach (var m in movements)
        {
            var (onHand, average) = state.GetValueOrDefault(m.Sku);
            if (m.Kind == "Receipt" && m.UnitCost is { } cost)
                average = average is null || onHand <= 0 || onHand + m.Quantity == 0 ? cost : Math.Round((onHand * average.Value + m.Quantity * cost) / (onHand + m.Quantity), 4, MidpointRounding.AwayFromZero);
            state[m.Sku] = (onHand + m.Quantity, average);
            (history.TryGetValue(m.Sku, out var list) ? list : history[m.Sku] = []).Add((m.OccurredAt, average ?? 0));
            if (m.Kind == "Sale" && m.Reference is { } reference)
            {
                var (units, total) = issued.GetValueOrDefault((reference, m.Sku));
                issued[(reference, m.Sku)] = (units - m.Quantity, total - m.Quantity * (average ?? 0));
            }
        }

        var sold = await app.QueryAsync<SoldRow>(
            """
            SELECT o.number AS Number, l.sku AS Sku, SUM(l.quantity) AS Units, o.placed_at AS PlacedAt
            FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
            WHERE o.status <> 'cancelled' AND o.placed_at >= @Since AND o.placed_at < @Until AND (@Channel IS NULL OR o.channel = @Channel)
            GROUP BY o.number, l.sku, o.placed_at
            """, filter.Parameters());
        var cogs = 0m;
        foreach (var s in sold)
        {
            var (units, cost) = issued.GetValueOrDefault((s.Number, s.Sku));
            var rest = Math.Max(0, s.Units - units);
            var then = history.TryGetValue(s.Sku, out var list) ? list.LastOrDefault(h => h.At <= s.PlacedAt).Average : 0m;
            cogs += cost + rest * then;
        }
        return cogs;
    }

    private static async Task<List<string[]>> RowsAsync(TestApp app, string report, ReportFilter filter) =>
        ReportFiles.ParseCsv(await app.ExportAsync(report, filter, ExportFormat.Csv)).Skip(1).ToList();

    [SkippableTheory, Databases]
    public async Task COGS_equals_the_ledgers_issue_cost_and_revenue_equals_the_sales_reports_net(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(3);
        foreach (var sku in skus) await app.SetAvailableAsync(sku, "HN01", 20);
        foreach (var sku in skus) await app.SetAvailableAsync(sku, "WH01", 20);
        await app.SendAsync(OrdersTestApp.Pos("m-1", "HN01", null, (skus[0], 2), (skus[1], 1)));
        await app.SendAsync(OrdersTestApp.Pos("m-2", "HN01", "0901234567", (skus[2], 3)));
        await app.SendAsync(OrdersTestApp.Web("m-3", (skus[0], 1), (skus[2], 2))); // placed, not issued yet

        foreach (var filter in new[] { new ReportFilter(Today.AddDays(-90), Today), new ReportFilter(Today, Today), new ReportFilter(Today.AddDays(-30), Today, Channel: "store") })
        {
            var margin = await RowsAsync(app, "gross-margin", filter);
            var serve = await RowsAsync(app, "cost-to-serve", filter);
            var sales = await RowsAsync(app, "sales-by-day", filter);
            Assert.NotEmpty(margin);

            var cogs = await ReplayCogsAsync(app, filter);
            Assert.Equal((double)cogs, (double)margin.Sum(r => ReportFiles.Number(r[7])), 0);
            Assert.Equal((double)cogs, (double)serve.Sum(r => ReportFiles.Number(r[5])), 0);

            var net = sales.Sum(r => ReportFiles.Number(r[5]));
            Assert.Equal(net, margin.Sum(r => ReportFiles.Number(r[4])));
            Assert.Equal(net, serve.Sum(r => ReportFiles.Number(r[3])));
            Assert.Equal(sales.Sum(r => ReportFiles.Number(r[7])), serve.Sum(r => ReportFiles.Number(r[2])));
            Assert.All(margin, r => Assert.Equal(ReportFiles.Number(r[6]) - ReportFiles.Number(r[7]), ReportFiles.Number(r[8])));
        }
    }

    [SkippableTheory, Databases]
    public async Task A_sale_costs_Inventorys_average_cost_and_cost_to_serve_applies_the_configured_rates(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(2, skip: 3);
        foreach (var sku in skus) await app.SetAvailableAsync(sku, "HN01", 10);
        await app.SendAsync(new SetCostRates(
        [
            new CostRate { Rate = CostRateKinds.HandlingPerOrder, AppliesTo = "in_store", Value = 2_000m },
            new CostRate { Rate = CostRateKinds.HandlingPerLine, AppliesTo = "in_store", Value = 500m },
            new CostRate { Rate = CostRateKinds.CommissionPercent, AppliesTo = "store", Value = 10m },
            new CostRate { Rate = CostRateKinds.PaymentFeePercent, AppliesTo = "cash", Value = 2m },
        ], "test"));
        var filter = new ReportFilter(Today, Today, Channel: "store");
        var marginBefore = await RowsAsync(app, "gross-margin", filter);
        var serveBefore = await RowsAsync(app, "cost-to-serve", filter);

        var order = await app.SendAsync(OrdersTestApp.Pos("c-1", "HN01", null, (skus[0], 2), (skus[1], 1)));

        // Issued at once (POS): its cost is the weighted average replayed to its issue entries.
        var expectedCogs = await ReplayCogsAsync(app, filter) - Sum(marginBefore, 7);
        Assert.Equal(3, await app.ScalarAsync<long>("SELECT -SUM(quantity) FROM inventory.movements WHERE kind = 'Sale' AND reference = @Number", new { order.Number }));
        static decimal Sum(List<string[]> rows, int column, Func<string[], bool>? where = null) => rows.Where(where ?? (_ => true)).Sum(r => ReportFiles.Number(r[column]));
        var margin = await RowsAsync(app, "gross-margin", filter);
        Assert.Equal((double)expectedCogs, (double)(Sum(margin, 7) - Sum(marginBefore, 7)), 2);
        Assert.True(expectedCogs > 0);
        Assert.Equal(0, Sum(margin, 10) - Sum(marginBefore, 10)); // nothing costed at order time: all issued

        static bool InStore(string[] r) => r[0] == "store" && r[1] == "in_store";
        var serve = await RowsAsync(app, "cost-to-serve", filter);
        Assert.Equal(1, Sum(serve, 2, InStore) - Sum(serveBefore, 2, InStore));
        Assert.Equal(2_000m + 2 * 500m, Sum(serve, 7, InStore) - Sum(serveBefore, 7, InStore));
        Assert.Equal(Math.Round(order.Total * 0.10m, 4), Sum(serve, 9, InStore) - Sum(serveBefore, 9, InStore));
        Assert.Equal(Math.Round(order.Total * 0.02m, 4), Sum(serve, 10, InStore) - Sum(serveBefore, 10, InStore));
        var row = serve.Single(InStore);
        Assert.Equal(ReportFiles.Number(row[6]) - ReportFiles.Number(row[11]), ReportFiles.Number(row[13]));
        Assert.Equal(ReportFiles.Number(row[7]) + ReportFiles.Number(row[8]) + ReportFiles.Number(row[9]) + ReportFiles.Number(row[10]), ReportFiles.Number(row[11]));
    }

    [SkippableTheory, Databases]
    public async Task The_cost_rates_page_saves_rates_and_refuses_bad_input_without_a_server_error(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInAsync(OmniErp.Kernel.Modules.Roles.Accountant);
        var page = await client.GetAsync("/reports/costs");
        Assert.True(page.StatusCode == System.Net.HttpStatusCode.OK, await page.Content.ReadAsStringAsync());

        var ok = await TestApp.PostFormAsync(client, "/reports/costs", "/reports/costs", new Dictionary<string, string>
        {
            ["handling_per_order:delivery"] = "9500", ["payment_fee_percent:card"] = "2.5",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(9500m, await app.ScalarAsync<decimal>("SELECT value FROM reports.cost_rates WHERE rate = 'handling_per_order' AND applies_to = 'delivery' ORDER BY effective_from DESC LIMIT 1"));
        Assert.Equal(2.5m, await app.ScalarAsync<decimal>("SELECT value FROM reports.cost_rates WHERE rate = 'payment_fee_percent' AND applies_to = 'card' ORDER BY effective_from DESC LIMIT 1"));

        foreach (var bad in new Dictionary<string, string>[]
                 {
                     new() { ["payment_fee_percent:card"] = "150" }, new() { ["handling_per_line:pickup"] = "-1" },
                     new() { ["handling_per_line:pickup"] = "abc" }, new() { ["commission_percent:nowhere"] = "5" },
                     new() { ["delivery_per_order:teleport"] = "5" },
                 })
        {
            var response = await TestApp.PostFormAsync(client, "/reports/costs", "/reports/costs", bad);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(2.5m, await app.ScalarAsync<decimal>("SELECT value FROM reports.cost_rates WHERE rate = 'payment_fee_percent' AND applies_to = 'card' ORDER BY effective_from DESC LIMIT 1"));

        var clerk = await app.SignedInAsync(OmniErp.Kernel.Modules.Roles.StoreClerk);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await clerk.GetAsync("/reports/costs")).StatusCode);
    }
}
