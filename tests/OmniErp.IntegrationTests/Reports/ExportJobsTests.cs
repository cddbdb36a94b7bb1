using System.Net;
using AngleSharp.Html.Parser;
using OmniErp.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Kernel.Modules;

namespace OmniErp.IntegrationTests.Reports;

public sealed class ExportJobsTests
{
    private static readonly HtmlParser Parser = new();

    private static async Task<string> WaitForAsync(HttpClient client, string jobPage)
    {
        var status = "";
        for (var i = 0; i < 300 && status is not ("Done" or "Failed"); i++)
        {
            var page = await client.GetAsync(jobPage);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            status = Parser.ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("#job")!.GetAttribute("data-status")!;
            if (status is not ("Done" or "Failed")) await Task.Delay(100);
        }
        return status;
    }

    [SkippableTheory, Databases]
    public async Task Two_instances_on_one_database_see_the_same_background_export_and_either_serves_the_file(Db db)
    {
        await using var database = await TestDatabase.CreateAsync(db, demo: true);
        await using var first = await TestApp.StartOnAsync(database);
        await using var second = await TestApp.StartOnAsync(database);
        var email = await first.CreateStaffAsync(Roles.Accountant);
        var onFirst = first.Browser();
        var onSecond = second.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(onFirst, email, TestApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(onSecond, email, TestApp.Password)).StatusCode);

        const string query = "from=2026-01-01&to=2026-12-31";
        var direct = await onFirst.GetByteArrayAsync($"/reports/stock-ledger/export?format=xlsx&{query}");
        var started = await TestApp.PostFormAsync(onFirst, "/reports/stock-ledger?" + query, "/reports/stock-ledger/background",
            new Dictionary<string, string> { ["from"] = "2026-01-01", ["to"] = "2026-12-31", ["format"] = "xlsx" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobPage = started.Headers.Location!.ToString();

        // The second instance never ran it, yet shows its progress and serves the file: the same sheet as the direct
        // download (the zip headers differ: the job's chunk stream cannot seek, so entries carry data descriptors).
        Assert.Equal("Done", await WaitForAsync(onSecond, jobPage));
        var html = Parser.ParseDocument(await onSecond.GetStringAsync(jobPage));
        Assert.NotNull(html.QuerySelector("#download"));
        var fromSecond = await onSecond.GetByteArrayAsync(jobPage + "/download");
        static List<List<string>> Cells(byte[] file) => ReportFiles.OpenXlsx(file).Rows.Select(r => r.Select(ReportFiles.Sheet.Text).ToList()).ToList();
        var cells = Cells(fromSecond);
        Assert.True(cells.Count > 2);
        Assert.Equal(Cells(direct), cells);
        Assert.Equal(fromSecond, await onFirst.GetByteArrayAsync(jobPage + "/download"));

        // The job is a row in the database, its file stored in chunks.
        Assert.Equal("Done", await second.ScalarAsync<string>("SELECT status FROM reports.export_jobs WHERE id = @id", new { id = jobPage.Split('/')[^1] }));
        Assert.Equal((long)fromSecond.Length, await second.ScalarAsync<long>("SELECT bytes FROM reports.export_jobs WHERE id = @id", new { id = jobPage.Split('/')[^1] }));

        // Another accountant sees nothing on either instance; a bad request is a 4xx, never a 500.
        var stranger = await second.SignedInAsync(Roles.Accountant);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(jobPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(jobPage + "/download")).StatusCode);
        var bad = await TestApp.PostFormAsync(onSecond, "/reports/stock-ledger?" + query, "/reports/stock-ledger/background",
            new Dictionary<string, string> { ["from"] = "2026-12-31", ["to"] = "2026-01-01", ["format"] = "xlsx" });
        Assert.InRange((int)bad.StatusCode, 400, 499);
        var badFormat = await TestApp.PostFormAsync(onSecond, "/reports/stock-ledger?" + query, "/reports/stock-ledger/background",
            new Dictionary<string, string> { ["from"] = "2026-01-01", ["to"] = "2026-12-31", ["format"] = "pdf" });
        Assert.InRange((int)badFormat.StatusCode, 400, 499);
    }

    [SkippableTheory, Databases]
    public async Task A_job_whose_instance_stopped_shows_as_failed_instead_of_running_forever(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var email = await app.CreateStaffAsync(Roles.Accountant);
        var client = app.Browser();
        await TestApp.SignInAsync(client, email, TestApp.Password);
        await app.InScopeAsync(sp => sp.GetRequiredService<OmniErp.Kernel.Data.DbSession>().ExecuteAsync(
            """
            INSERT INTO reports.export_jobs (id, owner, report, format, date_from, date_to, file_name, status, rows, total, instance, started_at, updated_at)
            VALUES ('0123456789abcdef0123456789abcdef', @email, 'stock-ledger', 'csv', '2026-01-01', '2026-01-31', 'x.csv', 'Running', 10, 100, 'gone', @at, @at)
            """, new { email, at = DateTimeOffset.UtcNow.AddMinutes(-30) }));
        var html = Parser.ParseDocument(await client.GetStringAsync("/reports/exports/0123456789abcdef0123456789abcdef"));
        Assert.Equal("Failed", html.QuerySelector("#job")!.GetAttribute("data-status"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/reports/exports/0123456789abcdef0123456789abcdef/download")).StatusCode);
    }
}
