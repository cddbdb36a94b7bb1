using System.Data.Common;
using FluentValidation;
using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Export;
using OmniErp.Reports.Periods;

namespace OmniErp.Reports.Reports;

internal enum ExportFormat { Csv, Xlsx }

internal static class ExportFormats
{
    public static ExportFormat Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => throw AppException.Invalid("format", "Format must be csv or xlsx."),
    };

    public static string Extension(this ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";

    public static string ContentType(this ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(ReportDefinition report, ReportFilter filter, ExportFormat format) =>
        $"{report.Name}_{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.{format.Extension()}";
}

/// <summary>
/// Writes a report to <see cref="Output"/> as it is read. A whole closed month with no other filter is served from the
/// files frozen when it was closed, byte for byte. For XLSX give a write-only stream (see <see cref="XlsxExport"/>).
/// </summary>
internal sealed record ExportReport(string Report, ReportFilter Filter, ExportFormat Format, Stream Output, IProgress<long>? Progress = null, bool Live = false)
    : IQuery<ExportResult>;

internal sealed record ExportResult(long Rows, bool FromClosedPeriod);

internal sealed class ReportRequestValidator : AbstractValidator<ExportReport>
{
    public ReportRequestValidator()
    {
        RuleFor(x => x.Report).Must(r => ReportCatalogue.Find(r) is not null).WithMessage("Unknown report.");
        RuleFor(x => x.Filter).Must(f => f.From <= f.To).WithName("From").WithMessage("The start date must not be after the end date.");
        RuleFor(x => x.Filter).Must(f => f.To.DayNumber - f.From.DayNumber <= 366 * 5).WithName("To").WithMessage("At most five years at a time.");
    }
}

internal sealed class ExportReportHandler(DbSession session, IMediator mediator, PeriodFiles periods) : IRequestHandler<ExportReport, ExportResult>
{
    public async Task<ExportResult> Handle(ExportReport request, CancellationToken cancellationToken)
    {
        var report = ReportCatalogue.Find(request.Report)!;
        if (!request.Live && report.Periodic && request.Filter.MonthFor(report) is { } month
            && await periods.FindAsync(month, report.Name, request.Format, cancellationToken) is { } frozen)
        {
            await request.Output.WriteAsync(frozen.Content, cancellationToken);
            request.Progress?.Report(frozen.Rows);
            return new ExportResult(frozen.Rows, FromClosedPeriod: true);
        }

        if (request.Format == ExportFormat.Csv)
            return new ExportResult(await ReportReader.WriteCsvAsync(session, mediator, report, request.Filter, request.Output, request.Progress, cancellationToken), FromClosedPeriod: false);
        await using var reader = await ReportReader.OpenAsync(session, mediator, report, request.Filter, cancellationToken);
        var rows = XlsxExport.Write(reader, report.Columns, report.Title, request.Output, request.Progress, cancellationToken);
        return new ExportResult(rows, FromClosedPeriod: false);
    }
}

/// <summary>Opens a reader over a report's rows (streamed from the database, not buffered).</summary>
internal static class ReportReader
{
    public static async Task<DbDataReader> OpenAsync(DbSession session, IMediator mediator, ReportDefinition report, ReportFilter filter, CancellationToken ct, int? limit = null)
    {
        var pointValue = report is LoyaltyLiabilityReport ? await mediator.Send(new GetPointsValue(0, 1), ct) : 0m;
        var sql = report.Sql(session.Dialect) + (limit is { } n ? $"\nLIMIT {n}" : "");
        return await session.ExecuteReaderAsync(sql, filter.Parameters(pointValue), ct);
    }

    /// <summary>Writes a report's CSV: on PostgreSQL through <c>COPY … TO STDOUT</c> (<see cref="PostgresCsv"/>), on
    /// SQLite stepping the statement on its handle (<see cref="SqliteCsv"/>), or (when they decline) from a data
    /// reader (<see cref="CsvExport"/>); the same bytes every way.</summary>
    public static async Task<long> WriteCsvAsync(DbSession session, IMediator mediator, ReportDefinition report, ReportFilter filter, Stream output, IProgress<long>? progress, CancellationToken ct)
    {
        var connection = await session.OpenAsync(ct);
        var pointValue = report is LoyaltyLiabilityReport ? await mediator.Send(new GetPointsValue(0, 1), ct) : 0m;
        var parameters = PostgresLiterals.Of(filter.Parameters(pointValue));
        var sql = session.Dialect.Sql(report.Sql(session.Dialect));
        var rows = connection switch
        {
            Npgsql.NpgsqlConnection postgres => await PostgresCsv.TryWriteAsync(postgres, sql, parameters, report.Columns, output, progress, ct),
            Microsoft.Data.Sqlite.SqliteConnection sqlite => await SqliteCsv.TryWriteAsync(sqlite, sql, parameters, report.Columns, output, progress, ct),
            _ => null,
        };
        if (rows is { } written) return written;
        await using var reader = await OpenAsync(session, mediator, report, filter, ct);
        return await CsvExport.WriteAsync(reader, report.Columns, output, progress, ct);
    }

    public static Task<long> CountAsync(DbSession session, IMediator mediator, ReportDefinition report, ReportFilter filter, CancellationToken ct) =>
        CountCoreAsync(session, mediator, report, filter, ct);

    private static async Task<long> CountCoreAsync(DbSession session, IMediator mediator, ReportDefinition report, ReportFilter filter, CancellationToken ct)
    {
        var pointValue = report is LoyaltyLiabilityReport ? await mediator.Send(new GetPointsValue(0, 1), ct) : 0m;
        return await session.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM ({report.Sql(session.Dialect)}) counted", filter.Parameters(pointValue), ct);
    }
}
