using OmniErp.Kernel.Data;
using OmniErp.Reports.Reports;

namespace OmniErp.Reports.Periods;

internal sealed class PeriodFile
{
    public byte[] Content { get; init; } = [];
    public long Rows { get; init; }
}

internal sealed class ClosedPeriod
{
    public string Month { get; init; } = "";
    public DateTimeOffset ClosedAt { get; init; }
    public string ClosedBy { get; init; } = "";
    public long Files { get; init; }
}

/// <summary>The files frozen when a month was closed.</summary>
internal sealed class PeriodFiles(DbSession session)
{
    public Task<PeriodFile?> FindAsync(string month, string report, ExportFormat format, CancellationToken ct) =>
        session.QuerySingleOrDefaultAsync<PeriodFile>(
            "SELECT content AS Content, rows AS Rows FROM reports.period_files WHERE month = @Month AND report = @Report AND format = @Format",
            new { Month = month, Report = report, Format = format.Extension() }, ct);

    public async Task<IReadOnlyList<ClosedPeriod>> ListAsync(CancellationToken ct) =>
        (await session.QueryAsync<ClosedPeriod>(
            """
            SELECT p.month AS Month, p.closed_at AS ClosedAt, p.closed_by AS ClosedBy,
                   (SELECT COUNT(*) FROM reports.period_files f WHERE f.month = p.month) AS Files
            FROM reports.closed_periods p ORDER BY p.month DESC
            """, null, ct)).ToList();
}
