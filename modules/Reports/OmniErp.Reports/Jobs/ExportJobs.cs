using System.Collections.Concurrent;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniErp.Kernel.Data;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.Reports.Jobs;

internal enum ExportStatus { Counting, Running, Done, Failed }

/// <summary>A background export: its progress is read by the page while a worker writes the file.</summary>
internal sealed class ExportJob
{
    private long _rows;

    public required string Id { get; init; }
    public required string Report { get; init; }
    public required ReportFilter Filter { get; init; }
    public required ExportFormat Format { get; init; }
    public required string Owner { get; init; }
    public required string FilePath { get; init; }
    public required string FileName { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public volatile ExportStatus Status;
    public long? Total { get; set; }
    public string? Error { get; set; }
    public long Rows => Interlocked.Read(ref _rows);
    public void Progress(long rows) => Interlocked.Exchange(ref _rows, rows);

    public int Percent => Status == ExportStatus.Done ? 100 : Total is > 0 and var t ? (int)Math.Min(99, Rows * 100 / t) : 0;
}

/// <summary>
/// Runs big exports off the request: the file is written to a temporary folder and kept for a day. Jobs live in this
/// instance's memory (a second instance would not see them): with several instances, route a user's export pages
/// to one instance, or move the registry to a table and the files to shared storage.
/// </summary>
internal sealed class ExportJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ExportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ExportJob> _jobs = new();
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "omnierp-exports");

    public ExportJob Start(string reportName, ReportFilter filter, ExportFormat format, string owner)
    {
        var report = ReportCatalogue.Find(reportName) ?? throw OmniErp.Kernel.Errors.AppException.NotFound("Report", reportName);
        Sweep();
        Directory.CreateDirectory(Folder);
        var id = Guid.NewGuid().ToString("N");
        var job = new ExportJob
        {
            Id = id, Report = report.Name, Filter = filter, Format = format, Owner = owner, StartedAt = clock.GetUtcNow(),
            FilePath = Path.Combine(Folder, id + "." + format.Extension()),
            FileName = ExportFormats.FileName(report, filter, format),
        };
        _jobs[id] = job;
        _ = Task.Run(() => RunAsync(job));
        return job;
    }

    public ExportJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    private async Task RunAsync(ExportJob job)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            job.Total = await ReportReader.CountAsync(session, mediator, ReportCatalogue.Find(job.Report)!, job.Filter, CancellationToken.None);
            job.Status = ExportStatus.Running;
            await using (var file = new FileStream(job.FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var result = await mediator.Send(new ExportReport(job.Report, job.Filter, job.Format, file, new SyncProgress(job.Progress)));
                job.Progress(result.Rows);
            }
            job.Status = ExportStatus.Done;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Export {Id} of {Report} failed", job.Id, job.Report);
            job.Error = ex is OmniErp.Kernel.Errors.AppException app ? app.Message : "The export failed; see the log.";
            job.Status = ExportStatus.Failed;
        }
    }

    private void Sweep()
    {
        var old = clock.GetUtcNow().AddDays(-1);
        foreach (var job in _jobs.Values.Where(j => j.StartedAt < old && j.Status is ExportStatus.Done or ExportStatus.Failed))
        {
            if (_jobs.TryRemove(job.Id, out _))
            {
                try { File.Delete(job.FilePath); } catch (IOException) { }
            }
        }
    }

    /// <summary>Reports progress on the writer's thread (Progress&lt;T&gt; would post to a thread pool per report).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
