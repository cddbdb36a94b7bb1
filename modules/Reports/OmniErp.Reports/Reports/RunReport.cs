using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Export;

namespace OmniErp.Reports.Reports;

/// <summary>The first rows of a report for its page (exports give all of them).</summary>
internal sealed record RunReport(string Report, ReportFilter Filter, int Limit = 200) : IQuery<ReportPreview>;

internal sealed record ReportPreview(ReportDefinition Report, ReportFilter Filter, IReadOnlyList<object?[]> Rows, bool More);

internal sealed class RunReportHandler(DbSession session, IMediator mediator) : IRequestHandler<RunReport, ReportPreview>
{
    public async Task<ReportPreview> Handle(RunReport request, CancellationToken cancellationToken)
    {
        var report = ReportCatalogue.Find(request.Report) ?? throw OmniErp.Kernel.Errors.AppException.NotFound("Report", request.Report);
        var rows = new List<object?[]>();
        await using (var reader = await ReportReader.OpenAsync(session, mediator, report, request.Filter, cancellationToken, request.Limit + 1))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[report.Columns.Count];
                for (var i = 0; i < row.Length; i++) row[i] = RowValues.Value(reader, i, report.Columns[i].Type);
                rows.Add(row);
            }
        }
        var more = rows.Count > request.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new ReportPreview(report, request.Filter, rows, more);
    }
}
