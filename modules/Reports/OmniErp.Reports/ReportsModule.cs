using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Kernel.Modules;
using OmniErp.Reports.Cli;
using OmniErp.Reports.Jobs;
using OmniErp.Reports.Periods;

namespace OmniErp.Reports;

/// <summary>The Reports module: see README.md beside this folder for what it reads, owns and publishes.</summary>
public sealed class ReportsModule : IModule
{
    public string Name => "Reports";
    public string Schema => "reports";
    public int Order => 60;

    public IReadOnlyList<MenuItem> Menu { get; } =
    [
        new("Dashboard", "/reports/dashboard", Roles.Everyone.Split(',')),
        new("Reports", "/reports", Reports.ReportsController.AnyReportRole.Split(','), 1),
        new("Period close", "/reports/periods", Roles.Finance.Split(','), 2),
        new("Cost-to-serve rates", "/reports/costs", Roles.Finance.Split(','), 3),
    ];

    public IReadOnlyDictionary<string, string> Vietnamese => ReportsTexts.Vietnamese;

    /// <summary>The home page opens with the role's dashboard panels.</summary>
    public string HomePanel => "/Dashboard/_Home.cshtml";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PeriodFiles>();
        services.AddSingleton<ExportJobs>();
        services.AddScoped<ICliVerb, ReportVerb>();
    }

    /// <summary>Demo: the marketplace's commission, 10 % until a month ago and 12 % since (the other rates come with the schema).</summary>
    public async Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct)
    {
        var session = services.GetRequiredService<OmniErp.Kernel.Data.DbSession>();
        await session.BeginAsync(ct);
        var today = DateOnly.FromDateTime(seed.Now.ToOffset(Definitions.ReportFilter.BusinessOffset).DateTime);
        foreach (var (from, value) in new[] { (new DateOnly(2000, 1, 1), 10m), (today.AddDays(-30), 12m) })
            await session.ExecuteAsync(
                """
                INSERT INTO reports.cost_rates (rate, applies_to, effective_from, value, updated_at, updated_by)
                SELECT 'commission_percent', code, @Day, @Value, @Now, 'demo' FROM kernel.channels WHERE code = 'shopee'
                ON CONFLICT (rate, applies_to, effective_from) DO NOTHING
                """, new { Day = CostRates.CostRateSql.Day(session.Dialect, from), Value = value, seed.Now }, ct);
        await session.CommitAsync(ct);
    }
}
