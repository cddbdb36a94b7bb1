using System.Globalization;
using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniErp.Kernel.Data;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.Reports.Jobs;

internal enum ExportStatus { Counting, Running, Done, Failed }

/// <summary>A background export as stored in <c>reports.export_jobs</c> (any instance reads the same row).</summary>
internal sealed class ExportJob
{
    public string Id { get; init; } = "";
    public string Owner { get; init; } = "";
    public string Report { get; init; } = "";
    public string FormatText { get; init; } = "";
    public string DateFrom { get; init; } = "";
    public string DateTo { get; init; } = "";
    public string? Channel { get; init; }
    public string? Store { get; init; }
    public string? Category { get; init; }
    public string FileName { get; init; } = "";
    public string StatusText { get; init; } = "";
    public long? Total { get; init; }
    public long Rows { get; init; }
    public long Bytes { get; init; }
    public int Chunks { get; init; }
    public string? Error { get; set; }
    public string Instance { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public ExportFormat Format => ExportFormats.Parse(FormatText);
    public ExportStatus Status { get; set; }

    public ReportFilter Filter => new(
        DateOnly.ParseExact(DateFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(DateTo, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Channel, Store, Category);

    public int Percent => Status == ExportStatus.Done ? 100 : Total is > 0 and var t ? (int)Math.Min(99, Rows * 100 / t) : 0;
}

/// <summary>
/// Runs big exports off the request. The job's state lives in <c>reports.export_jobs</c> and its file in
/// <c>reports.export_chunks</c> (~1 MB each), so every instance behind a load balancer shows the same progress and
/// serves the same download. The instance that accepted the job runs it and refreshes <c>updated_at</c> as it goes; a
/// running job not refreshed for <see cref="StaleAfter"/> is shown as failed (its instance stopped). Jobs are deleted
/// a day after they started.
/// </summary>
internal sealed class ExportJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ExportJobs> logger)
{
    public const int ChunkSize = 1 << 20;
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);
    private static readonly string InstanceName = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private const string Columns =
        """
        id AS Id, owner AS Owner, report AS Report, format AS FormatText, date_from AS DateFrom, date_to AS DateTo, channel AS Channel,
        store AS Store, category AS Category, file_name AS FileName, status AS StatusText, total AS Total, rows AS Rows, bytes AS Bytes,
        chunks AS Chunks, error AS Error, instance AS Instance, started_at AS StartedAt, updated_at AS UpdatedAt
        """;

    public async Task<string> StartAsync(DbSession session, string reportName, ReportFilter filter, ExportFormat format, string owner, CancellationToken ct)
    {
        var report = ReportCatalogue.Find(reportName) ?? throw OmniErp.Kernel.Errors.AppException.NotFound("Report", reportName);
        if (filter.From > filter.To) throw OmniErp.Kernel.Errors.AppException.Invalid("From", "The start date must not be after the end date.");
        var now = clock.GetUtcNow();
        await session.ExecuteAsync("DELETE FROM reports.export_chunks WHERE job_id IN (SELECT id FROM reports.export_jobs WHERE started_at < @Old)", new { Old = now.AddDays(-1) }, ct);
        await session.ExecuteAsync("DELETE FROM reports.export_jobs WHERE started_at < @Old", new { Old = now.AddDays(-1) }, ct);
        var id = Guid.NewGuid().ToString("N");
        await session.ExecuteAsync(
            """
            INSERT INTO reports.export_jobs (id, owner, report, format, date_from, date_to, channel, store, category, file_name, status, instance, started_at, updated_at)
            VALUES (@id, @owner, @Report, @Format, @From, @To, @Channel, @Store, @Category, @FileName, 'Counting', @Instance, @now, @now)
            """,
            new
            {
                id, owner, Report = report.Name, Format = format.Extension(), From = filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                To = filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), filter.Channel, filter.Store, filter.Category,
                FileName = ExportFormats.FileName(report, filter, format), Instance = InstanceName, now,
            }, ct);
        _ = Task.Run(() => RunAsync(id, report.Name, filter, format));
        return id;
    }

    public async Task<ExportJob?> FindAsync(DbSession session, string id, CancellationToken ct)
    {
        var job = await session.QuerySingleOrDefaultAsync<ExportJob>($"SELECT {Columns} FROM reports.export_jobs WHERE id = @id", new { id }, ct);
        if (job is null) return null;
        job.Status = Enum.Parse<ExportStatus>(job.StatusText);
        if (job.Status is ExportStatus.Counting or ExportStatus.Running && job.UpdatedAt < clock.GetUtcNow() - StaleAfter)
        {
            job.Status = ExportStatus.Failed;
            job.Error = "The instance running this export stopped; start it again.";
        }
        return job;
    }

    /// <summary>Copies a finished job's file to <paramref name="output"/>, one stored chunk at a time.</summary>
    public static async Task CopyFileAsync(DbSession session, ExportJob job, Stream output, CancellationToken ct)
    {
        for (var seq = 0; seq < job.Chunks; seq++)
        {
            var content = await session.ExecuteScalarAsync<byte[]>("SELECT content FROM reports.export_chunks WHERE job_id = @Id AND seq = @seq", new { job.Id, seq }, ct)
                ?? throw new InvalidOperationException($"Export {job.Id} lacks chunk {seq}.");
            await output.WriteAsync(content, ct);
        }
    }

    private async Task RunAsync(string id, string reportName, ReportFilter filter, ExportFormat format)
    {
        await using var writeScope = scopes.CreateAsyncScope();
        var store = writeScope.ServiceProvider.GetRequiredService<DbSession>();
        try
        {
            await using var readScope = scopes.CreateAsyncScope();
            var mediator = readScope.ServiceProvider.GetRequiredService<IMediator>();
            var session = readScope.ServiceProvider.GetRequiredService<DbSession>();
            var total = await ReportReader.CountAsync(session, mediator, ReportCatalogue.Find(reportName)!, filter, CancellationToken.None);
            await store.ExecuteAsync("UPDATE reports.export_jobs SET total = @total, status = 'Running', updated_at = @Now WHERE id = @id", new { total, Now = clock.GetUtcNow(), id });

            await using var file = new ChunkStream(store, id, clock);
            var result = await mediator.Send(new ExportReport(reportName, filter, format, file, file));
            await file.FlushAsync();
            await store.ExecuteAsync(
                "UPDATE reports.export_jobs SET status = 'Done', rows = @Rows, bytes = @Bytes, chunks = @Chunks, updated_at = @Now, finished_at = @Now WHERE id = @id",
                new { result.Rows, file.Bytes, file.Chunks, Now = clock.GetUtcNow(), id });
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Export {Id} of {Report} failed", id, reportName);
            var error = ex is OmniErp.Kernel.Errors.AppException app ? app.Message : "The export failed; see the log.";
            try
            {
                await store.ExecuteAsync("UPDATE reports.export_jobs SET status = 'Failed', error = @error, updated_at = @Now, finished_at = @Now WHERE id = @id",
                    new { error, Now = clock.GetUtcNow(), id });
            }
            catch (Exception inner)
            {
                logger.LogError(inner, "Export {Id}: the failure could not be recorded", id);
            }
        }
    }

    /// <summary>
    /// A write-only stream that stores what is written as ~1 MB chunks of the job (each INSERT commits on its own), and
    /// takes progress reports, saving the row count at most twice a second (which also shows the job is alive).
    /// </summary>
    private sealed class ChunkStream(DbSession store, string id, TimeProvider clock) : Stream, IProgress<long>
    {
        private readonly byte[] _buffer = new byte[ChunkSize];
        private int _filled;
        private DateTimeOffset _saved = DateTimeOffset.MinValue;

        public long Bytes { get; private set; }
        public int Chunks { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Bytes;
        public override long Position { get => Bytes; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                var n = Math.Min(buffer.Length, _buffer.Length - _filled);
                buffer[..n].CopyTo(_buffer.AsSpan(_filled));
                _filled += n;
                Bytes += n;
                buffer = buffer[n..];
                if (_filled == _buffer.Length) StoreChunk();
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
            if (_filled > 0) StoreChunk();
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }

        public void Report(long rows)
        {
            var now = clock.GetUtcNow();
            if (now - _saved < TimeSpan.FromMilliseconds(500)) return;
            _saved = now;
            Execute("UPDATE reports.export_jobs SET rows = @rows, updated_at = @now WHERE id = @id", new { rows, now, id });
        }

        private void StoreChunk()
        {
            Execute("INSERT INTO reports.export_chunks (job_id, seq, content) VALUES (@id, @seq, @content)",
                new { id, seq = Chunks, content = _buffer.AsSpan(0, _filled).ToArray() });
            Chunks++;
            _filled = 0;
        }

        // The XLSX writer is synchronous and the CSV writer calls in between its awaits: plain synchronous statements.
        private void Execute(string sql, object param)
        {
            var connection = store.Connection;
            if (connection.State != System.Data.ConnectionState.Open) store.OpenAsync().GetAwaiter().GetResult();
            connection.Execute(store.Dialect.Sql(sql), param);
        }
    }
}
