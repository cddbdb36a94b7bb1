using System.Globalization;
using MediatR;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Modules;

namespace OmniErp.Pricing.Prices;

/// <summary>
/// Sets prices from CSV (<c>sku,channel,price</c>; empty channel = base price, empty price = remove the channel price).
/// Each row goes through <see cref="SetPrice"/>, so parity holds; any bad row refuses the whole file (all errors listed, by row).
/// </summary>
internal sealed record ImportPrices(string CsvText, string ChangedBy, string Source) : ICommand<int>;

internal sealed class ImportPricesHandler(IMediator mediator) : IRequestHandler<ImportPrices, int>
{
    public async Task<int> Handle(ImportPrices request, CancellationToken ct)
    {
        var errors = new List<Error>();
        var changed = 0;
        var lines = request.CsvText.Replace("\r", "").Split('\n');
        var header = lines[0].Trim().TrimStart('\uFEFF').ToLowerInvariant().Replace(" ", "");
        if (header != "sku,channel,price") throw AppException.Invalid("row 1", "The header must be: sku,channel,price");
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var row = $"row {i + 1}";
            var f = lines[i].Split(',');
            if (f.Length != 3) { errors.Add(new Error("INVALID", "Expected 3 fields: sku,channel,price.", row)); continue; }
            decimal? price = null;
            if (f[2].Trim().Length > 0)
            {
                if (!decimal.TryParse(f[2].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var p)) { errors.Add(new Error("INVALID", $"'{f[2]}' is not a price.", row + ", price")); continue; }
                price = p;
            }
            try
            {
                var result = await mediator.Send(new SetPrice(f[0].Trim(), f[1].Trim().Length == 0 ? null : f[1].Trim(), price, request.ChangedBy, request.Source), ct);
                if (result.Changed) changed++;
            }
            catch (AppException ex)
            {
                errors.AddRange(ex.Errors.Select(e => e with { Field = $"{row}, {e.Field?.ToLowerInvariant() ?? "sku"}" }));
            }
        }
        if (errors.Count > 0) throw AppException.Invalid(errors);
        return changed;
    }
}

/// <summary><c>price-set SKU PRICE [--channel C]</c> or <c>price-set SKU --channel C --remove</c>: parity is enforced here too.</summary>
internal sealed class PriceSetVerb(IMediator mediator) : ICliVerb
{
    public string Name => "price-set";
    public string Description => "set a price: price-set SKU PRICE [--channel CODE] | price-set SKU --channel CODE --remove";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        var list = args.ToList();
        string? channel = null;
        var at = list.IndexOf("--channel");
        if (at >= 0 && at + 1 < list.Count) { channel = list[at + 1]; list.RemoveRange(at, 2); }
        var remove = list.Remove("--remove");
        decimal price = 0;
        if (list.Count != (remove ? 1 : 2) || (!remove && !decimal.TryParse(list[1], NumberStyles.Number, CultureInfo.InvariantCulture, out price)) || (remove && channel is null))
        {
            await output.WriteLineAsync("Usage: " + Description);
            return 2;
        }
        try
        {
            var r = await mediator.Send(new SetPrice(list[0], channel, remove ? null : price, "cli:" + Environment.UserName, PriceSources.Cli), ct);
            await output.WriteLineAsync(r.Changed
                ? $"{r.Sku} {(r.Channel ?? "base")}: {r.OldPrice?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "none"} → {r.NewPrice?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "removed"}"
                : $"{r.Sku} {(r.Channel ?? "base")}: unchanged");
            return 0;
        }
        catch (AppException ex)
        {
            foreach (var e in ex.Errors) await output.WriteLineAsync(e.Message);
            return 1;
        }
    }
}

/// <summary><c>price-import file.csv</c> (sku,channel,price).</summary>
internal sealed class PriceImportVerb(IMediator mediator) : ICliVerb
{
    public string Name => "price-import";
    public string Description => "set prices from CSV (sku,channel,price); a bad row refuses the whole file";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        if (args.Count != 1) { await output.WriteLineAsync("Usage: price-import file.csv"); return 2; }
        try
        {
            var changed = await mediator.Send(new ImportPrices(await File.ReadAllTextAsync(args[0], ct), "cli:" + Environment.UserName, PriceSources.Csv), ct);
            await output.WriteLineAsync($"{changed} price(s) changed.");
            return 0;
        }
        catch (AppException ex)
        {
            await output.WriteLineAsync($"Refused; nothing was changed. {ex.Errors.Count} error(s):");
            foreach (var e in ex.Errors) await output.WriteLineAsync($"  {e.Field}: {e.Message}");
            return 1;
        }
    }
}
