using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using OmniErp.Host.Database;
using OmniErp.IntegrationTests.Reports;
using OmniErp.Kernel.Modules;

namespace OmniErp.BrowserTests;

public sealed class AccountantReportTests(LiveServer server) : IClassFixture<LiveServer>
{
    private sealed class DayRow
    {
        public string Day { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Location { get; init; } = "";
        public decimal Net { get; init; }
        public long Orders { get; init; }
    }

    [SkippableFact]
    public async Task The_accountant_runs_sales_by_day_downloads_CSV_and_XLSX_that_match_the_database_and_looks_at_the_dashboard()
    {
        Skip.If(LiveServer.Unavailable is not null, LiveServer.Unavailable);
        var accountant = DemoData.StaffUsers.Single(u => u.Role == Roles.Accountant).Email;
        var page = await server.SignInAsync(accountant);

        // The report list, then the report with a range over the demo's history.
        await page.GotoAsync("/reports");
        await page.ClickAsync("a[href='/reports/sales-by-day']");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var from = today.AddDays(-60);
        await page.FillAsync("#from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("#to", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.ClickAsync("#run");
        await page.WaitForURLAsync(url => url.Contains("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.True(await page.Locator("#report tbody tr").CountAsync() > 0, "the report shows rows");
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("reports-sales-by-day"), FullPage = true });

        // What the database says for the same range: per business day, channel and store, the orders' totals.
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).ToUniversalTime();
        var until = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).ToUniversalTime();
        var expected = (await server.QueryAsync<DayRow>(
            """
            SELECT date(placed_at, '+7 hours') AS Day, channel AS Channel, location AS Location, CAST(SUM(total) AS REAL) AS Net, COUNT(*) AS Orders
            FROM orders_orders WHERE status <> 'cancelled' AND placed_at >= @since AND placed_at < @until
            GROUP BY date(placed_at, '+7 hours'), channel, location
            """, new { since, until }))
            .ToDictionary(r => (r.Day, r.Channel, r.Location));
        Assert.NotEmpty(expected);

        // CSV: UTF-8 with BOM; every day/channel/store with sales has the database's net and order count.
        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csv"));
        Assert.EndsWith(".csv", csvDownload.SuggestedFilename, StringComparison.Ordinal);
        var csvBytes = await File.ReadAllBytesAsync((await csvDownload.PathAsync())!);
        var csv = CsvFile.Parse(csvBytes); // asserts the BOM
        Assert.Equal(["Day", "Channel", "Store", "Gross", "Discounts", "Net", "VAT", "Orders", "Average order value", "Units", "Refunds"], csv[0]);
        var csvRows = csv.Skip(1).Where(r => Number(r[7]) > 0).ToList();
        Assert.Equal(expected.Count, csvRows.Count);
        foreach (var row in csvRows)
        {
            var db = expected[(row[0], row[1], row[2])];
            Assert.Equal(db.Net, Number(row[5]));
            Assert.Equal(db.Orders, (long)Number(row[7]));
        }

        // XLSX: opened with the OpenXml SDK; header frozen, typed cells, totals row = the database's sums.
        var xlsxDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-xlsx"));
        Assert.EndsWith(".xlsx", xlsxDownload.SuggestedFilename, StringComparison.Ordinal);
        using (var document = SpreadsheetDocument.Open((await xlsxDownload.PathAsync())!, false))
        {
            var workbook = document.WorkbookPart!;
            var sheetPart = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single().Id!);
            var worksheet = sheetPart.Worksheet;
            var pane = worksheet.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal("A2", pane.TopLeftCell!.Value);
            var rows = worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
            Assert.Equal("Net", Text(rows[0][5]));
            Assert.Equal(csv.Count - 1, rows.Count - 2); // header + data + totals
            for (var i = 1; i < csv.Count; i++)
            {
                Assert.Null(rows[i][5].DataType); // a number cell
                Assert.Equal(Number(csv[i][5]), Number(rows[i][5].CellValue!.Text));
                Assert.Equal(Number(csv[i][7]), Number(rows[i][7].CellValue!.Text));
                var day = DateTime.FromOADate(double.Parse(rows[i][0].CellValue!.Text, CultureInfo.InvariantCulture));
                Assert.Equal(csv[i][0], day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            var totals = rows[^1];
            Assert.Equal("Total", Text(totals[0]));
            Assert.StartsWith("SUM(F2:F", totals[5].CellFormula!.Text, StringComparison.Ordinal);
            Assert.Equal(expected.Values.Sum(r => r.Net), Number(totals[5].CellValue!.Text));
            Assert.Equal(expected.Values.Sum(r => r.Orders), (long)Number(totals[7].CellValue!.Text));
        }

        // The dashboard: charts and their numbers as tables.
        var response = await page.GotoAsync("/reports/dashboard");
        Assert.True(response!.Ok);
        Assert.True(await page.Locator("svg").CountAsync() > 0, "the dashboard draws charts");
        Assert.True(await page.Locator("table").CountAsync() > 0, "the dashboard gives the numbers as tables");
        await page.ScreenshotAsync(new() { Path = LiveServer.ScreenshotPath("reports-dashboard-accountant"), FullPage = true });
    }

    private static string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.Text!.Text : cell.CellValue?.Text ?? "";

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
}
