using System.Globalization;
using MediatR;
using OmniErp.Kernel.Modules;
using OmniErp.Reports.Definitions;
using OmniErp.Reports.Reports;

namespace OmniErp.Reports.Cli;

/// <summary>
/// <c>report &lt;name&gt; [--from yyyy-mm-dd] [--to yyyy-mm-dd] [--channel c] [--store s] [--category c] --format csv|xlsx --out file</c>,
/// or <c>report list</c>; for scheduled exports. A closed month's export is its frozen file.
/// </summary>
internal sealed class ReportVerb(IMediator mediator, TimeProvider clock) : ICliVerb
{
    public string Name => "report";
    public string Description => "report <name>|list --from D --to D [--channel C --store S --category C] --format csv|xlsx --out FILE";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        if (args.Count == 0 || args[0] is "list" or "--help")
        {
            foreach (var r in ReportCatalogue.All) await output.WriteLineAsync($"{r.Name,-22} {r.Title}: {r.Description}");
            return args.Count == 0 ? 2 : 0;
        }
        var report = ReportCatalogue.Find(args[0]);
        if (report is null)
        {
            await output.WriteLineAsync($"Unknown report '{args[0]}'. Try: report list");
            return 2;
        }
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                await output.WriteLineAsync($"Unexpected argument '{args[i]}'. Usage: {Description}");
                return 2;
            }
            options[args[i][2..]] = args[++i];
        }
        if (!options.TryGetValue("out", out var path))
        {
            await output.WriteLineAsync($"--out is required. Usage: {Description}");
            return 2;
        }
        var format = ExportFormats.Parse(options.GetValueOrDefault("format") ?? Path.GetExtension(path).TrimStart('.'));
        var form = new FilterForm
        {
            From = Date(options.GetValueOrDefault("from")),
            To = Date(options.GetValueOrDefault("to")),
            Channel = options.GetValueOrDefault("channel"),
            Store = options.GetValueOrDefault("store"),
            Category = options.GetValueOrDefault("category"),
        };
        var filter = form.ToFilter(report, DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ReportFilter.BusinessOffset).DateTime));
        var temp = path + ".partial";
        ExportResult result;
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            result = await mediator.Send(new ExportReport(report.Name, filter, format, file), ct);
        File.Move(temp, path, overwrite: true);
        await output.WriteLineAsync($"{report.Name}: {result.Rows} row(s) {filter.From:yyyy-MM-dd}..{filter.To:yyyy-MM-dd} → {path}{(result.FromClosedPeriod ? " (closed period)" : "")}");
        return 0;
    }

    private static DateOnly? Date(string? text) => text is null
        ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw OmniErp.Kernel.Errors.AppException.Invalid("date", $"'{text}' is not a date like 2026-10-31.");
}
