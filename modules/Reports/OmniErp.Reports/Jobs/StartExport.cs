using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.Reports.Jobs;

/// <summary>Starts a background export and returns its id.</summary>
internal sealed record StartExport(string Report, ReportFilter Filter, ExportFormat Format, string Owner) : IRequest<string>;

internal sealed class StartExportHandler(ExportJobs jobs, DbSession session) : IRequestHandler<StartExport, string>
{
    public Task<string> Handle(StartExport request, CancellationToken cancellationToken) =>
        jobs.StartAsync(session, request.Report, request.Filter, request.Format, request.Owner, cancellationToken);
}

/// <summary>A background export, if it is the caller's (or the caller is an administrator).</summary>
internal sealed record GetExportJob(string Id, string Caller, bool IsAdmin) : IRequest<ExportJob?>;

internal sealed class GetExportJobHandler(ExportJobs jobs, DbSession session) : IRequestHandler<GetExportJob, ExportJob?>
{
    public async Task<ExportJob?> Handle(GetExportJob request, CancellationToken cancellationToken)
    {
        var job = await jobs.FindAsync(session, request.Id, cancellationToken);
        return job is not null && (request.IsAdmin || job.Owner == request.Caller) ? job : null;
    }
}

/// <summary>Streams a finished job's file (stored in chunks) to <see cref="Output"/>.</summary>
internal sealed record CopyExportFile(ExportJob Job, Stream Output) : IRequest<Unit>;

internal sealed class CopyExportFileHandler(DbSession session) : IRequestHandler<CopyExportFile, Unit>
{
    public async Task<Unit> Handle(CopyExportFile request, CancellationToken cancellationToken)
    {
        await ExportJobs.CopyFileAsync(session, request.Job, request.Output, cancellationToken);
        return Unit.Value;
    }
}
