using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AngleSharp.Html.Parser;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;
using OmniErp.Reports.Cli;

namespace OmniErp.IntegrationTests.Reports;

public sealed class ReportPagesTests
{
    private static readonly HtmlParser Parser = new();

    [SkippableTheory, Databases]
    public async Task An_accountant_runs_a_report_and_downloads_it_directly_and_in_the_background(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var client = await app.SignedInAsync(Roles.Accountant);
        const string query = "from=2026-08-01&to=2026-11-30&store=HN01";

        var page = Parser.ParseDocument(await client.GetStringAsync("/reports/stock-ledger?" + query));
        var shown = page.QuerySelectorAll("#report tbody tr");
        Assert.NotEmpty(shown);
        Assert.All(shown, r => Assert.Equal("HN01", r.Children[2].TextContent));

        var csv = await client.GetAsync($"/reports/stock-ledger/export?format=csv&{query}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("stock-ledger_20260801-20261130.csv", csv.Content.Headers.ContentDisposition!.ToString());
        var rows = ReportFiles.ParseCsv(await csv.Content.ReadAsByteArrayAsync());
        var count = await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.movements WHERE location = 'HN01' AND occurred_at >= @Since AND occurred_at < @Until",
            new OmniErp.Reports.Definitions.ReportFilter(new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 30)));
        Assert.Equal(count, rows.Count - 1);

        var xlsx = await client.GetAsync($"/reports/stock-ledger/export?format=xlsx&{query}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheet = ReportFiles.OpenXlsx(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(count + 2, sheet.Rows.Count);

        var started = await TestApp.PostFormAsync(client, "/reports/stock-ledger?" + query, "/reports/stock-ledger/background",
            new Dictionary<string, string> { ["from"] = "2026-08-01", ["to"] = "2026-11-30", ["store"] = "HN01", ["format"] = "csv" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobPage = started.Headers.Location!.ToString();
        string status = "";
        for (var i = 0; i < 100 && status != "Done"; i++)
        {
            status = Parser.ParseDocument(await client.GetStringAsync(jobPage)).QuerySelector("#job")!.GetAttribute("data-status")!;
            if (status != "Done") await Task.Delay(100);
        }
        Assert.Equal("Done", status);
        var background = await client.GetByteArrayAsync(jobPage + "/download");
        Assert.Equal(rows, ReportFiles.ParseCsv(background));

        // Someone else cannot see the job.
        var other = await app.SignedInAsync(Roles.Accountant);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(jobPage)).StatusCode);
    }

    [SkippableTheory, Databases]
    public async Task Each_role_gets_its_dashboard_with_charts_and_their_numbers_on_its_home_page(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        foreach (var (role, path) in Roles.All.SelectMany(r => new[] { (r, "/reports/dashboard"), (r, "/") }))
        {
            var client = await app.SignedInAsync(role);
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, html);
            var page = Parser.ParseDocument(html);
            Assert.Equal(role is Roles.Admin or Roles.StoreManager or Roles.StoreClerk or Roles.Merchandiser, page.QuerySelector("#low-stock") is not null);
            Assert.Equal(role is Roles.Admin or Roles.Accountant or Roles.StoreManager or Roles.Merchandiser, page.QuerySelector("#sales-by-channel svg") is not null);
            Assert.Equal(role is Roles.Admin or Roles.Merchandiser or Roles.StoreManager, page.QuerySelector("#top-products svg") is not null);
            Assert.Equal(role is Roles.Admin or Roles.Merchandiser, page.QuerySelector("#kpi-parity") is not null);
        }
        var admin = Parser.ParseDocument(await (await app.SignedInAsync(Roles.Admin)).GetStringAsync("/reports/dashboard"));
        var lowStock = admin.QuerySelectorAll("#low-stock tbody tr").Length;
        Assert.InRange(lowStock, 1, 10);
        // The demo's finished orders took their units through the ledger, so the best sellers are real.
        Assert.InRange(admin.QuerySelectorAll("#top-products tbody tr").Length, 1, 10);
    }

    [SkippableTheory, Databases]
    public async Task The_report_verb_writes_the_file_a_scheduled_job_asks_for(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var path = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.xlsx");
        try
        {
            var output = new StringWriter();
            var code = await app.InScopeAsync(sp => ActivatorUtilities.CreateInstance<ReportVerb>(sp)
                .RunAsync(["stock-ledger", "--from", "2026-10-01", "--to", "2026-10-31", "--store", "WH01", "--format", "xlsx", "--out", path], output, default));
            Assert.Equal(0, code);
            var sheet = ReportFiles.OpenXlsx(await File.ReadAllBytesAsync(path));
            var count = await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.movements WHERE location = 'WH01' AND occurred_at >= @Since AND occurred_at < @Until",
                new OmniErp.Reports.Definitions.ReportFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)));
            Assert.Equal(count + 2, sheet.Rows.Count);
            Assert.Contains($"{count} row(s)", output.ToString());

            Assert.Equal(2, await app.InScopeAsync(sp => ActivatorUtilities.CreateInstance<ReportVerb>(sp).RunAsync(["no-such-report", "--out", path], new StringWriter(), default)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
