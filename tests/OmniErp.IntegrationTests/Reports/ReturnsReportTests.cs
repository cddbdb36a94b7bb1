using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.IntegrationTests.Orders;
using OmniErp.Orders.Returns;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

public sealed class ReturnsReportTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static async Task<List<string[]>> RowsAsync(TestApp app, string report, ReportFilter filter) =>
        ReportFiles.ParseCsv(await app.ExportAsync(report, filter, ExportFormat.Csv)).Skip(1).ToList();

    private static decimal Sum(IEnumerable<string[]> rows, int column) => rows.Sum(r => ReportFiles.Number(r[column]));

    [SkippableTheory, Databases]
    public async Task Returns_split_restock_from_write_off_and_refunds_reconcile_with_the_orders(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(2, skip: 6);
        foreach (var sku in skus) await app.SetAvailableAsync(sku, "HN01", 10);
        var order = await app.SendAsync(OrdersTestApp.Pos("r-1", "HN01", null, (skus[0], 3), (skus[1], 2)));
        var returned = await app.SendAsync(new ReturnOrderLines(order.Number, "store", "HCM01",
            [new ReturnLineRequest(1, 2, Restock: true), new ReturnLineRequest(2, 1, Restock: false)], "clerk", "Lỗi sản phẩm"));

        var today = new ReportFilter(Today, Today);
        var rows = await RowsAsync(app, "returns-refunds", today);
        var mine = rows.Single(r => r[3] == "Lỗi sản phẩm" && r[2] == "HCM01");
        Assert.Equal(("store", 1m, 3m, 2m, 1m), (mine[1], ReportFiles.Number(mine[4]), ReportFiles.Number(mine[5]), ReportFiles.Number(mine[6]), ReportFiles.Number(mine[7])));
        Assert.Equal(returned.Refund, ReportFiles.Number(mine[10]));
        Assert.Equal(ReportFiles.Number(mine[8]) + ReportFiles.Number(mine[9]), ReportFiles.Number(mine[10]));

        // Written off units are what Inventory wrote off for that return; restocked ones came back on hand.
        Assert.Equal(-1, await app.ScalarAsync<long>("SELECT SUM(quantity) FROM inventory.movements WHERE kind = 'Adjustment' AND reference = @ReturnNumber", returned));
        Assert.Equal(3, await app.ScalarAsync<long>("SELECT SUM(quantity) FROM inventory.movements WHERE kind = 'Return' AND reference = @ReturnNumber", returned));

        foreach (var filter in new[] { today, new ReportFilter(Today.AddDays(-120), Today), new ReportFilter(Today.AddDays(-120), Today, Channel: "store", Store: "HCM01") })
        {
            var report = await RowsAsync(app, "returns-refunds", filter);
            var refunds = await app.ScalarAsync<decimal>(
                "SELECT COALESCE(SUM(refund_amount), 0) FROM orders.returns WHERE returned_at >= @Since AND returned_at < @Until AND (@Channel IS NULL OR channel = @Channel) AND (@Store IS NULL OR location = @Store)",
                filter.Parameters());
            Assert.Equal((double)refunds, (double)Sum(report, 10), 2);
            Assert.Equal((double)refunds, (double)Sum(await RowsAsync(app, "sales-by-day", filter), 10), 2);
        }
        // Over all time the refunds are what the orders say they refunded (cancelled paid orders are refunded whole
        // without a return: those are not returns).
        var all = await RowsAsync(app, "returns-refunds", new ReportFilter(Today.AddYears(-3), Today));
        Assert.Equal((double)await app.ScalarAsync<decimal>("SELECT SUM(refunded_amount) FROM orders.orders WHERE status <> 'cancelled'"), (double)Sum(all, 10), 2);
    }

    private sealed class LineRow
    {
        public string Sku { get; init; } = "";
        public string Path { get; init; } = "";
        public decimal LineTotal { get; init; }
        public long Quantity { get; init; }
    }

    [SkippableTheory, Databases]
    public async Task The_category_filter_includes_sub_categories_on_sales_VAT_margin_and_returns(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var range = new ReportFilter(Today.AddDays(-120), Today);
        var lines = (await app.QueryAsync<LineRow>(
            """
            SELECT l.sku AS Sku, k.category_path AS Path, l.line_total AS LineTotal, l.quantity AS Quantity
            FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id JOIN catalog.report_skus k ON k.sku = l.sku
            WHERE o.status <> 'cancelled' AND o.placed_at >= @Since AND o.placed_at < @Until
            """, range.Parameters())).ToList();
        // A top-level category with sub-categories under it, that has sales.
        var top = lines.Select(l => l.Path.Split('/')[0]).GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
        Assert.Contains(lines, l => l.Path.StartsWith(top + "/", StringComparison.Ordinal));
        var inTop = lines.Where(l => ("/" + l.Path + "/").Contains("/" + top + "/", StringComparison.Ordinal)).ToList();
        Assert.True(inTop.Count < lines.Count);

        var filter = range with { Category = top };
        var sales = await RowsAsync(app, "sales-by-day", filter);
        Assert.Equal(inTop.Sum(l => l.LineTotal), Sum(sales, 5));
        Assert.Equal(inTop.Sum(l => l.Quantity), (long)Sum(sales, 9));
        Assert.Equal(inTop.Sum(l => l.LineTotal), Sum(await RowsAsync(app, "vat-by-rate", filter), 3));
        Assert.Equal(inTop.Sum(l => l.LineTotal), Sum(await RowsAsync(app, "gross-margin", filter), 4));

        var refunds = await app.ScalarAsync<decimal>(
            """
            SELECT COALESCE(SUM(rl.refund_amount), 0) FROM orders.return_lines rl JOIN orders.returns r ON r.id = rl.return_id
            JOIN catalog.report_skus k ON k.sku = rl.sku
            WHERE r.returned_at >= @Since AND r.returned_at < @Until AND ('/' || k.category_path || '/') LIKE ('%/' || @Category || '/%')
            """, filter.Parameters());
        Assert.Equal((double)refunds, (double)Sum(await RowsAsync(app, "returns-refunds", filter), 10), 2);
        Assert.Equal((double)refunds, (double)Sum(sales, 10), 2);
    }
}
