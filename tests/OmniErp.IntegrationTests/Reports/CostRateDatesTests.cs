using System.Globalization;
using System.Net;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.IntegrationTests.Orders;
using OmniErp.Kernel.Modules;
using OmniErp.Reports.CostRates;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.IntegrationTests.Reports;

/// <summary>Cost-to-serve rates apply from a business day: each order is costed with the rates in force on its day.</summary>
public sealed class CostRateDatesTests
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static async Task<List<string[]>> RowsAsync(TestApp app, string report, ReportFilter filter) =>
        ReportFiles.ParseCsv(await app.ExportAsync(report, filter, ExportFormat.Csv)).Skip(1).ToList();

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [SkippableTheory, Databases]
    public async Task Demo_marketplace_orders_pay_the_commission_in_force_on_the_day_they_were_placed(Db db)
    {
        // The demo's shopee commission: 10 % until 30 days before the demo's day, 12 % since.
        await using var app = await TestApp.StartAsync(db, demo: true);
        var view = await app.SendAsync(new GetCostRates());
        var changes = view.History.Where(h => h.Rate == CostRateKinds.CommissionPercent && h.AppliesTo == "shopee").ToList();
        Assert.Equal(["2000-01-01"], changes.Skip(1).Select(h => h.EffectiveFrom));
        var change = changes[0].From;
        Assert.True(change < Today.AddDays(-20), $"the demo changed the commission on {change}");
        Assert.Equal(12m, view.Value(CostRateKinds.CommissionPercent, "shopee"));
        Assert.Equal(10m, (await app.SendAsync(new GetCostRates(change.AddDays(-1)))).Value(CostRateKinds.CommissionPercent, "shopee"));
        Assert.Equal(12m, (await app.SendAsync(new GetCostRates(change))).Value(CostRateKinds.CommissionPercent, "shopee"));

        foreach (var (filter, percent) in new[] { (new ReportFilter(change.AddDays(-50), change.AddDays(-1), Channel: "shopee"), 10m), (new ReportFilter(change, Today, Channel: "shopee"), 12m) })
        {
            var rows = await RowsAsync(app, "cost-to-serve", filter);
            Assert.NotEmpty(rows);
            var net = rows.Sum(r => ReportFiles.Number(r[3]));
            Assert.True(net > 0);
            Assert.Equal(net * percent / 100m, rows.Sum(r => ReportFiles.Number(r[9])));
        }
    }

    [SkippableTheory, Databases]
    public async Task A_rate_set_from_tomorrow_leaves_todays_orders_alone_and_one_set_from_today_costs_them(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(1, skip: 5);
        await app.SetAvailableAsync(skus[0], "HN01", 10);
        await app.SendAsync(new SetCostRates([new CostRate { Rate = CostRateKinds.HandlingPerOrder, AppliesTo = "in_store", Value = 1_000m }], "test", Today));
        await app.SendAsync(OrdersTestApp.Pos("d-1", "HN01", null, (skus[0], 1)));
        var filter = new ReportFilter(Today, Today, Channel: "store");
        static decimal Handling(List<string[]> rows) => rows.Where(r => r[1] == "in_store").Sum(r => ReportFiles.Number(r[7]));
        static decimal Orders(List<string[]> rows) => rows.Where(r => r[1] == "in_store").Sum(r => ReportFiles.Number(r[2]));

        var before = await RowsAsync(app, "cost-to-serve", filter);
        Assert.Equal(1_000m * Orders(before), Handling(before));

        await app.SendAsync(new SetCostRates([new CostRate { Rate = CostRateKinds.HandlingPerOrder, AppliesTo = "in_store", Value = 5_000m }], "test", Today.AddDays(1)));
        Assert.Equal(Handling(before), Handling(await RowsAsync(app, "cost-to-serve", filter)));
        Assert.Equal(1_000m, (await app.SendAsync(new GetCostRates())).Value(CostRateKinds.HandlingPerOrder, "in_store"));
        Assert.Equal(5_000m, (await app.SendAsync(new GetCostRates(Today.AddDays(1)))).Value(CostRateKinds.HandlingPerOrder, "in_store"));

        await app.SendAsync(new SetCostRates([new CostRate { Rate = CostRateKinds.HandlingPerOrder, AppliesTo = "in_store", Value = 3_000m }], "test", Today));
        Assert.Equal(3_000m * Orders(before), Handling(await RowsAsync(app, "cost-to-serve", filter)));
        // Setting the value already in force writes nothing.
        Assert.Equal(0, await app.SendAsync(new SetCostRates([new CostRate { Rate = CostRateKinds.HandlingPerOrder, AppliesTo = "in_store", Value = 3_000m }], "test", Today)));
    }

    [SkippableTheory, Databases]
    public async Task The_cost_rates_page_takes_a_from_date_shows_the_history_and_names_the_field_in_errors(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInAsync(Roles.Accountant);
        var from = Today.AddDays(10);
        var ok = await TestApp.PostFormAsync(client, "/reports/costs", "/reports/costs", new Dictionary<string, string>
        {
            ["from"] = Day(from), ["delivery_per_order:delivery"] = "35000",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/reports/costs"));
        Assert.Equal(Day(Today), page.QuerySelector("input[name=from]")!.GetAttribute("value"));
        Assert.Equal("30000", page.QuerySelector("input[name='delivery_per_order:delivery']")!.GetAttribute("value")); // in force today
        var history = page.QuerySelectorAll("#cost-rate-history tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(history, r => r[0] == Day(from) && r[3] == "35000");
        Assert.Contains(history, r => r[0] == "2000-01-01" && r[3] == "30000");

        var badDate = await TestApp.PostFormAsync(client, "/reports/costs", "/reports/costs", new Dictionary<string, string> { ["from"] = "2026-13-45", ["delivery_per_order:delivery"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        var badPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await badDate.Content.ReadAsStringAsync());
        Assert.Contains("From", badPage.QuerySelector("input[name=from] ~ .field-error")!.TextContent);

        var badRate = await TestApp.PostFormAsync(client, "/reports/costs", "/reports/costs", new Dictionary<string, string> { ["from"] = Day(Today), ["payment_fee_percent:card"] = "150" });
        Assert.Equal(HttpStatusCode.BadRequest, badRate.StatusCode);
        Assert.Contains("Fee % (card)", await badRate.Content.ReadAsStringAsync());

        var lastMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
        await app.InScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OmniErp.Kernel.Data.DbSession>(sp).ExecuteAsync(
            "INSERT INTO reports.closed_periods (month, closed_at, closed_by) VALUES (@Month, @Now, 'test')",
            new { Month = lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), Now = DateTimeOffset.UtcNow }));
        var closed = await TestApp.PostFormAsync(client, "/reports/costs", "/reports/costs", new Dictionary<string, string> { ["from"] = Day(lastMonth.AddDays(3)), ["delivery_per_order:delivery"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        var closedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await closed.Content.ReadAsStringAsync());
        Assert.Contains("closed month", closedPage.QuerySelector("input[name=from] ~ .field-error")!.TextContent);
        Assert.Equal(2, await app.ScalarAsync<long>("SELECT COUNT(*) FROM reports.cost_rates WHERE rate = 'delivery_per_order' AND applies_to = 'delivery'"));
    }
}
