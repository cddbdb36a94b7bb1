using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Jobs;

namespace OmniErp.Reports.Reports;

/// <summary>The list of reports, a report's page (filters + first rows), its downloads and background exports.</summary>
[Area("Reports"), Route("reports"), Authorize(Roles = ReportsController.AnyReportRole)]
internal sealed class ReportsController(IMediator mediator, TimeProvider clock) : Controller
{
    public const string AnyReportRole = $"{Roles.Admin},{Roles.Accountant},{Roles.StoreManager},{Roles.Merchandiser}";

    [HttpGet("")]
    public IActionResult Index() => View(ReportCatalogue.All.Where(r => r.AllowedFor(User.IsInRole)).ToList());

    [HttpGet("{name:regex(^[[a-z-]]+$)}")]
    public async Task<IActionResult> Show(string name, [FromQuery] FilterForm form, CancellationToken ct)
    {
        var report = Allowed(name);
        if (report is null) return ReportNotAllowed(name);
        var filter = form.ToFilter(report, Today());
        ViewBag.Options = await mediator.Send(new GetFilterOptions(), ct);
        ViewBag.Form = FilterForm.Of(filter);
        return View(await mediator.Send(new RunReport(report.Name, filter), ct));
    }

    [HttpGet("{name:regex(^[[a-z-]]+$)}/export")]
    public async Task<IActionResult> Export(string name, [FromQuery] FilterForm form, [FromQuery] string? format, CancellationToken ct)
    {
        var report = Allowed(name);
        if (report is null) return ReportNotAllowed(name);
        var filter = form.ToFilter(report, Today());
        var kind = ExportFormats.Parse(format);
        Response.ContentType = kind.ContentType();
        Response.Headers.ContentDisposition = $"attachment; filename=\"{ExportFormats.FileName(report, filter, kind)}\"";
        Response.Headers.CacheControl = "no-store";
        if (kind == ExportFormat.Csv)
        {
            await Response.StartAsync(ct);
            await mediator.Send(new ExportReport(report.Name, filter, kind, Response.Body), ct);
            return new EmptyResult();
        }

        // OpenXmlWriter writes synchronously, which Kestrel's response stream refuses: the sheet goes to a
        // write-only temporary file (streamed, not held in memory) and is then copied to the response.
        var path = Path.Combine(Path.GetTempPath(), $"omnierp-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                await mediator.Send(new ExportReport(report.Name, filter, kind, file), ct);
            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            Response.ContentLength = read.Length;
            await read.CopyToAsync(Response.Body, ct);
            return new EmptyResult();
        }
        finally
        {
            if (System.IO.File.Exists(path)) System.IO.File.Delete(path);
        }
    }

    [HttpPost("{name:regex(^[[a-z-]]+$)}/background")]
    public async Task<IActionResult> Background(string name, [FromForm] FilterForm form, [FromForm] string? format, CancellationToken ct)
    {
        var report = Allowed(name);
        if (report is null) return ReportNotAllowed(name);
        var id = await mediator.Send(new StartExport(report.Name, form.ToFilter(report, Today()), ExportFormats.Parse(format), User.Identity!.Name!), ct);
        return RedirectToAction(nameof(Job), new { id });
    }

    [HttpGet("exports/{id:regex(^[[0-9a-f]]{{32}}$)}")]
    public async Task<IActionResult> Job(string id, CancellationToken ct)
    {
        var job = await mediator.Send(new GetExportJob(id, User.Identity!.Name!, User.IsInRole(Roles.Admin)), ct);
        return job is null ? NotFound() : View(job);
    }

    [HttpGet("exports/{id:regex(^[[0-9a-f]]{{32}}$)}/download")]
    public async Task<IActionResult> Download(string id, CancellationToken ct)
    {
        var job = await mediator.Send(new GetExportJob(id, User.Identity!.Name!, User.IsInRole(Roles.Admin)), ct);
        if (job is null || job.Status != ExportStatus.Done) return NotFound();
        Response.ContentType = job.Format.ContentType();
        Response.ContentLength = job.Bytes;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{job.FileName}\"";
        Response.Headers.CacheControl = "no-store";
        await mediator.Send(new CopyExportFile(job, Response.Body), ct);
        return new EmptyResult();
    }

    private ReportDefinition? Allowed(string name) => ReportCatalogue.Find(name) is { } r && r.AllowedFor(User.IsInRole) ? r : null;

    private IActionResult ReportNotAllowed(string name) => ReportCatalogue.Find(name) is null ? NotFound() : Forbid();

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ReportFilter.BusinessOffset).DateTime);
}

/// <summary>The filter form of a report page (query string), also the CLI's options.</summary>
internal sealed class FilterForm
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Channel { get; set; }
    public string? Store { get; set; }
    public string? Category { get; set; }

    /// <summary>Missing dates default to the month to date; an as-of report looks at one day (From = To).</summary>
    public ReportFilter ToFilter(ReportDefinition report, DateOnly today)
    {
        var to = To ?? today;
        var from = report.Filters.HasFlag(ReportFilters.AsOf) ? to : From ?? new DateOnly(to.Year, to.Month, 1);
        return new ReportFilter(from, to,
            report.Filters.HasFlag(ReportFilters.Channel) ? Channel : null,
            report.Filters.HasFlag(ReportFilters.Store) ? Store : null,
            report.Filters.HasFlag(ReportFilters.Category) ? Category : null);
    }

    public static FilterForm Of(ReportFilter f) => new() { From = f.From, To = f.To, Channel = f.Channel, Store = f.Store, Category = f.Category };
}
