using System.Diagnostics.Metrics;

namespace OmniErp.Kernel.Data;

/// <summary>
/// Database round trips made through <see cref="DbSession"/>, as an OpenTelemetry-style counter
/// (<c>omnierp.db.commands</c>): dashboards watch it, and tests use it to prove a DataLoader keeps round trips constant.
/// </summary>
public static class DbMetrics
{
    public const string MeterName = "OmniErp.Database";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("omnierp.db.commands", description: "SQL commands sent through the request's DbSession");
}
