using System.Globalization;
using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.Reports.Periods;

/// <summary>
/// Closes a business month: freezes every periodic report of that month, in CSV and XLSX, as the files an accountant
/// would have downloaded. Later exports of that month are those files, byte for byte; a correction made afterwards
/// is dated when it is made, so it lands in the open period.
/// </summary>
internal sealed record ClosePeriod(string Month, string ClosedBy) : ICommand<int>;

internal sealed class ClosePeriodValidator : AbstractValidator<ClosePeriod>
{
    public ClosePeriodValidator()
    {
        RuleFor(x => x.Month).Matches("^[0-9]{4}-(0[1-9]|1[0-2])$").WithMessage("Month must look like 2026-10.");
        RuleFor(x => x.ClosedBy).NotEmpty();
    }
}

internal sealed class ClosePeriodHandler(DbSession session, IMediator mediator, TimeProvider clock) : IRequestHandler<ClosePeriod, int>
{
    public async Task<int> Handle(ClosePeriod request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(ReportFilter.BusinessOffset).DateTime);
        var filter = ReportFilter.ForMonth(request.Month);
        if (filter.To >= today) throw AppException.Invalid(nameof(request.Month), "Only a month that has ended can be closed.");

        var inserted = await session.ExecuteAsync(
            """
            INSERT INTO reports.closed_periods (month, closed_at, closed_by) VALUES (@Month, @Now, @By)
            ON CONFLICT (month) DO NOTHING
            """, new { request.Month, Now = now, By = request.ClosedBy }, cancellationToken);
        if (inserted == 0) throw AppException.Conflict("PERIOD_CLOSED", $"{request.Month} is already closed.");

        var files = 0;
        foreach (var report in ReportCatalogue.All.Where(r => r.Periodic))
        {
            foreach (var format in new[] { ExportFormat.Csv, ExportFormat.Xlsx })
            {
                using var buffer = new MemoryStream();
                var result = await mediator.Send(new ExportReport(report.Name, filter, format, buffer, Live: true), cancellationToken);
                var content = buffer.ToArray();
                await session.ExecuteAsync(
                    """
                    INSERT INTO reports.period_files (month, report, format, rows, sha256, content)
                    VALUES (@Month, @Report, @Format, @Rows, @Sha, @Content)
                    """,
                    new
                    {
                        request.Month, Report = report.Name, Format = format.Extension(), result.Rows,
                        Sha = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content,
                    }, cancellationToken);
                files++;
            }
        }
        return files;
    }
}

internal sealed record ListClosedPeriods : IQuery<IReadOnlyList<ClosedPeriod>>;

internal sealed class ListClosedPeriodsHandler(PeriodFiles files) : IRequestHandler<ListClosedPeriods, IReadOnlyList<ClosedPeriod>>
{
    public Task<IReadOnlyList<ClosedPeriod>> Handle(ListClosedPeriods request, CancellationToken cancellationToken) => files.ListAsync(cancellationToken);
}

internal static class Months
{
    public static string Format(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
