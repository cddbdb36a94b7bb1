using MediatR;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.Reports.Jobs;

/// <summary>Starts a background export and returns its id.</summary>
internal sealed record StartExport(string Report, ReportFilter Filter, ExportFormat Format, string Owner) : IRequest<string>;

internal sealed class StartExportHandler(ExportJobs jobs) : IRequestHandler<StartExport, string>
{
    public Task<string> Handle(StartExport request, CancellationToken cancellationToken) =>
        Task.FromResult(jobs.Start(request.Report, request.Filter, request.Format, request.Owner).Id);
}

/// <summary>A background export, if it is the caller's (or the caller is an administrator).</summary>
internal sealed record GetExportJob(string Id, string Caller, bool IsAdmin) : IRequest<ExportJob?>;

internal sealed class GetExportJobHandler(ExportJobs jobs) : IRequestHandler<GetExportJob, ExportJob?>
{
    public Task<ExportJob?> Handle(GetExportJob request, CancellationToken cancellationToken)
    {
        var job = jobs.Find(request.Id);
        return Task.FromResult(job is not null && (request.IsAdmin || job.Owner == request.Caller) ? job : null);
    }
}
