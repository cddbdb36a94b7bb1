using MediatR;
using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.Products;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Catalog.ProductImport;

/// <summary>Writes the whole catalog as CSV (one line per SKU, in SKU order), in the format the import reads back.</summary>
internal sealed record ExportCatalog(TextWriter Output) : IQuery<int>;

internal sealed class ExportCatalogHandler(DbSession session) : IRequestHandler<ExportCatalog, int>
{
    public async Task<int> Handle(ExportCatalog request, CancellationToken ct)
    {
        var pg = session.Dialect.IsPostgres;
        var channels = pg
            ? "(SELECT string_agg(pc.channel, '|' ORDER BY pc.channel) FROM catalog.product_channels pc WHERE pc.product_id = p.id)"
            : "(SELECT group_concat(channel, '|') FROM (SELECT channel FROM catalog.product_channels WHERE product_id = p.id ORDER BY channel))";
        var attributes = pg
            ? "(SELECT string_agg(a.name || '=' || a.value, '; ' ORDER BY a.name) FROM catalog.variant_attributes a WHERE a.variant_id = v.id)"
            : "(SELECT group_concat(name || '=' || value, '; ') FROM (SELECT name, value FROM catalog.variant_attributes WHERE variant_id = v.id ORDER BY name))";
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            SELECT v.sku, p.code, p.name, v.name, c.code, p.brand, p.unit, p.vat_rate, p.status, {channels}, v.barcode, {attributes},
                   p.image_urls, p.slug, p.description
            FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id JOIN catalog.categories c ON c.id = p.category_id
            ORDER BY v.sku
            """, ct: ct);
        // Records go through a small buffer written asynchronously, so an HTTP response body is never written synchronously.
        var buffer = new StringWriter();
        Csv.WriteRecord(buffer, CatalogRow.Columns);
        var count = 0;
        var fields = new string?[CatalogRow.Columns.Count];
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < fields.Length; i++)
                fields[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            fields[12] = string.Join('|', CatalogRules.SplitList(fields[12], '\n'));
            Csv.WriteRecord(buffer, fields);
            count++;
            if (buffer.GetStringBuilder().Length > 32_768)
            {
                await request.Output.WriteAsync(buffer.GetStringBuilder(), ct);
                buffer.GetStringBuilder().Clear();
            }
        }
        await request.Output.WriteAsync(buffer.GetStringBuilder(), ct);
        await request.Output.FlushAsync(ct);
        return count;
    }
}

/// <summary><c>catalog-export [file]</c>: the catalog as CSV to a file or standard output.</summary>
internal sealed class CatalogExportVerb(IMediator mediator) : OmniErp.Kernel.Modules.ICliVerb
{
    public string Name => "catalog-export";
    public string Description => "write the catalog as CSV: catalog-export [file.csv] (standard output when no file)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        if (args.Count == 0) { await mediator.Send(new ExportCatalog(output), ct); return 0; }
        await using var writer = new StreamWriter(args[0], false, new System.Text.UTF8Encoding(true));
        var count = await mediator.Send(new ExportCatalog(writer), ct);
        await output.WriteLineAsync($"Exported {count} SKU(s) to {args[0]}.");
        return 0;
    }
}

/// <summary><c>catalog-import file</c>: the same import as the page; a bad file is refused whole with every error.</summary>
internal sealed class CatalogImportVerb(IMediator mediator) : OmniErp.Kernel.Modules.ICliVerb
{
    public string Name => "catalog-import";
    public string Description => "upsert the catalog from CSV by SKU: catalog-import file.csv";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        if (args.Count != 1) { await output.WriteLineAsync("Usage: catalog-import file.csv"); return 2; }
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var s = await mediator.Send(new ImportCatalog(await File.ReadAllTextAsync(args[0], ct)), ct);
            await output.WriteLineAsync($"Imported {s.Rows} row(s) in {started.Elapsed.TotalSeconds:0.00} s: {s.ProductsCreated} product(s) created, {s.ProductsUpdated} updated; " +
                $"{s.SkusCreated} SKU(s) created, {s.SkusUpdated} updated, {s.SkusUnchanged} unchanged.");
            return 0;
        }
        catch (CatalogImportRefused ex)
        {
            await output.WriteLineAsync($"Refused: {ex.Rows.Count} error(s); nothing was written.");
            foreach (var e in ex.Rows) await output.WriteLineAsync($"  row {e.Row}, {e.Column}: {e.Message}");
            return 1;
        }
    }
}
