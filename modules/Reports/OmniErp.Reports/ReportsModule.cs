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

    public Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => Task.CompletedTask;
}
