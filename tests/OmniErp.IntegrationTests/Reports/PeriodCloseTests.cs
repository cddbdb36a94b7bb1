using OmniErp.Inventory.Adjustments;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Periods;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

public sealed class PeriodCloseTests
{
    [SkippableTheory, Databases]
    public async Task A_closed_month_exports_byte_for_byte_and_later_corrections_land_in_the_open_period(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var lastMonth = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddMonths(-1);
        var month = lastMonth.ToString("yyyy-MM");
        var filter = ReportFilter.ForMonth(month);
        var before = await app.ExportAsync("stock-ledger", filter, ExportFormat.Xlsx);

        Assert.Equal(ReportCatalogue.All.Count * 2, await app.SendAsync(new ClosePeriod(month, "accountant@test.vn")));
        var csv = await app.ExportAsync("stock-ledger", filter, ExportFormat.Csv);
        var xlsx = await app.ExportAsync("stock-ledger", filter, ExportFormat.Xlsx);
        Assert.Equal(before, xlsx); // same rows, same bytes: the XLSX writer is deterministic

        // A correction today, against stock that existed last month.
        var sku = (await app.QueryAsync<string>("SELECT sku FROM inventory.stock WHERE location = 'HN01' AND on_hand > 5 ORDER BY sku LIMIT 1")).First();
        await app.SendAsync(new AdjustStock("HN01", sku, -2, "Hàng hỏng phát hiện sau khóa sổ"));

        Assert.Equal(csv, await app.ExportAsync("stock-ledger", filter, ExportFormat.Csv));
        Assert.Equal(xlsx, await app.ExportAsync("stock-ledger", filter, ExportFormat.Xlsx));
        var stored = await app.ScalarAsync<byte[]>("SELECT content FROM reports.period_files WHERE month = @month AND report = 'stock-ledger' AND format = 'csv'", new { month });
        Assert.Equal(stored, csv);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var open = ReportFiles.ParseCsv(await app.ExportAsync("stock-ledger", new ReportFilter(new DateOnly(today.Year, today.Month, 1), today), ExportFormat.Csv));
        Assert.Contains(open, r => r[3] == sku && r[7] == "-2" && r[10] == "Hàng hỏng phát hiện sau khóa sổ");
    }

    [SkippableTheory, Databases]
    public async Task Only_an_ended_month_can_be_closed_and_only_once(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var current = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ClosePeriod(today.ToString("yyyy-MM"), "a@test.vn")));
        Assert.Equal(ErrorKind.Validation, current.Kind);

        var last = today.AddMonths(-1).ToString("yyyy-MM");
        await app.SendAsync(new ClosePeriod(last, "a@test.vn"));
        var again = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ClosePeriod(last, "a@test.vn")));
        Assert.Equal("PERIOD_CLOSED", again.Errors[0].Code);
        Assert.Single(await app.SendAsync(new ListClosedPeriods()));
    }
}
