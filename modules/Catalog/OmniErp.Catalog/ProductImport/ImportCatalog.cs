using MediatR;
using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.Data;
using OmniErp.Catalog.Products;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Catalog.ProductImport;

/// <summary>
/// Upserts the catalog from CSV by SKU. The whole file is checked first; any error refuses it whole (every error listed
/// by row and column) and nothing is written. Only rows that differ from the database are written, so importing the
/// same file twice changes nothing the second time.
/// </summary>
internal sealed record ImportCatalog(string CsvText) : ICommand<ImportSummary>;

internal sealed record ImportSummary(int Rows, int ProductsCreated, int ProductsUpdated, int SkusCreated, int SkusUpdated, int SkusUnchanged);

internal sealed class ImportCatalogHandler(DbSession session, IChannelDirectory channels, IOutbox outbox, TimeProvider clock)
    : IRequestHandler<ImportCatalog, ImportSummary>
{
    public async Task<ImportSummary> Handle(ImportCatalog request, CancellationToken ct)
    {
        var known = (await channels.ListAsync(ct)).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var (rows, errors) = ParseCatalogCsv.Parse(new StringReader(request.CsvText), known);
        if (errors.Count > 0) throw new CatalogImportRefused(errors);

        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++) rowOf[rows[i].Sku] = i + 2;
        var categories = (await session.QueryAsync<(string Code, long Id)>("SELECT code, id FROM catalog.categories", ct: ct)).ToDictionary(c => c.Code, c => c.Id);
        var products = await ExistingProductsAsync(rows.Select(r => r.ProductCode).Distinct().ToArray(), ct);
        var variants = await ExistingVariantsAsync(rows.Select(r => r.Sku).ToArray(), ct);

        // Checks against the database, still before anything is written.
        foreach (var row in rows)
        {
            var n = rowOf[row.Sku];
            if (!categories.ContainsKey(row.Category)) errors.Add(new(n, "category", $"Unknown category '{row.Category}'."));
            if (variants.TryGetValue(row.Sku, out var v) && v.ProductCode != row.ProductCode)
                errors.Add(new(n, "product_code", $"SKU {row.Sku} belongs to product {v.ProductCode}; a SKU cannot move to another product."));
        }
        var barcodes = rows.Where(r => r.Barcode is not null).ToDictionary(r => r.Barcode!, r => r.Sku);
        foreach (var chunk in barcodes.Keys.Chunk(2000))
            foreach (var (sku, barcode) in await session.QueryAsync<(string, string)>(session.Dialect.Lists("SELECT sku, barcode FROM catalog.variants WHERE barcode IN @chunk"), new { chunk = session.Dialect.ListValue(chunk) }, ct))
                if (barcodes[barcode] != sku) errors.Add(new(rowOf[barcodes[barcode]], "barcode", $"Barcode {barcode} belongs to SKU {sku}."));
        var slugs = rows.GroupBy(r => r.Slug).ToDictionary(g => g.Key, g => g.First());
        foreach (var chunk in slugs.Keys.Chunk(2000))
            foreach (var (code, slug) in await session.QueryAsync<(string, string)>(session.Dialect.Lists("SELECT code, slug FROM catalog.products WHERE slug IN @chunk"), new { chunk = session.Dialect.ListValue(chunk) }, ct))
                if (slugs[slug].ProductCode != code) errors.Add(new(rowOf[slugs[slug].Sku], "slug", $"Slug '{slug}' is used by product {code}."));
        if (errors.Count > 0) throw new CatalogImportRefused(errors.OrderBy(e => e.Row).ToList());

        var now = clock.GetUtcNow();
        var changedSkus = new List<(string Sku, ProductStatus Status)>();

        // Products: insert the new, update the changed, leave the rest.
        var productIds = products.ToDictionary(p => p.Key, p => p.Value.Id);
        var newProducts = new List<CatalogRow>();
        var changedProducts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var first in rows.GroupBy(r => r.ProductCode).Select(g => g.First()))
        {
            if (!products.TryGetValue(first.ProductCode, out var existing)) newProducts.Add(first);
            else if (existing.Key != first.ProductKey())
            {
                changedProducts.Add(first.ProductCode);
                await session.ExecuteAsync(
                    """
                    UPDATE catalog.products SET name = @ProductName, slug = @Slug, category_id = @CategoryId, brand = @Brand, unit = @Unit,
                        vat_rate = @VatRate, status = @Status, description = @Description, image_urls = @Images, updated_at = @Now
                    WHERE id = @Id
                    """,
                    new { first.ProductName, first.Slug, CategoryId = categories[first.Category], first.Brand, first.Unit, first.VatRate,
                        Status = first.Status.ToString(), first.Description, Images = string.Join('\n', first.ImageUrls), Now = now, existing.Id }, ct);
            }
        }
        foreach (var (id, code) in await BulkInsert.ReturningAsync(session, "catalog.products",
                     ["code", "name", "slug", "category_id", "brand", "unit", "vat_rate", "status", "description", "image_urls", "created_at", "updated_at"],
                     newProducts.Select(p => new object?[] { p.ProductCode, p.ProductName, p.Slug, categories[p.Category], p.Brand, p.Unit, p.VatRate,
                         p.Status.ToString(), p.Description, string.Join('\n', p.ImageUrls), now, now }),
                     "id, code", ct))
            productIds[code] = id;

        var channelProducts = newProducts.Select(p => p.ProductCode).Concat(changedProducts).ToHashSet(StringComparer.Ordinal);
        var changedIds = changedProducts.Select(c => productIds[c]).ToArray();
        foreach (var chunk in changedIds.Chunk(2000))
            await session.ExecuteAsync(session.Dialect.Lists("DELETE FROM catalog.product_channels WHERE product_id IN @chunk"), new { chunk = session.Dialect.ListValue(chunk) }, ct);
        await BulkInsert.RunAsync(session, "catalog.product_channels", ["product_id", "channel"],
            rows.Where(r => channelProducts.Contains(r.ProductCode)).GroupBy(r => r.ProductCode)
                .SelectMany(g => g.First().Channels.Select(c => new object?[] { productIds[g.Key], c })), ct);

        // Variants: the same, then their attributes.
        var newVariants = new List<CatalogRow>();
        var changedVariants = new List<(long Id, CatalogRow Row)>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!variants.TryGetValue(row.Sku, out var existing)) { newVariants.Add(row); continue; }
            positions[row.ProductCode] = Math.Max(positions.GetValueOrDefault(row.ProductCode), (int)existing.Position + 1);
            if (existing.Name != row.SkuName || existing.Barcode != row.Barcode || existing.Attributes != CatalogRules.FormatAttributes(row.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                || existing.SearchText != CatalogRules.SearchText(row.Sku, row.SkuName, row.Brand, row.Barcode))
            {
                changedVariants.Add((existing.Id, row));
                await session.ExecuteAsync("UPDATE catalog.variants SET name = @Name, barcode = @Barcode, search_text = @SearchText WHERE id = @Id",
                    new { Name = row.SkuName, row.Barcode, SearchText = CatalogRules.SearchText(row.Sku, row.SkuName, row.Brand, row.Barcode), existing.Id }, ct);
            }
            else if (changedProducts.Contains(row.ProductCode)) changedSkus.Add((row.Sku, row.Status));
        }
        foreach (var chunk in changedVariants.Select(v => v.Id).Chunk(2000))
            await session.ExecuteAsync(session.Dialect.Lists("DELETE FROM catalog.variant_attributes WHERE variant_id IN @chunk"), new { chunk = session.Dialect.ListValue(chunk) }, ct);
        var variantIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, sku) in await BulkInsert.ReturningAsync(session, "catalog.variants",
                     ["product_id", "sku", "name", "barcode", "search_text", "position"],
                     newVariants.Select(r =>
                     {
                         var position = positions.GetValueOrDefault(r.ProductCode);
                         positions[r.ProductCode] = position + 1;
                         return new object?[] { productIds[r.ProductCode], r.Sku, r.SkuName, r.Barcode, CatalogRules.SearchText(r.Sku, r.SkuName, r.Brand, r.Barcode), position };
                     }),
                     "id, sku", ct))
            variantIds[sku] = id;
        foreach (var (id, row) in changedVariants) variantIds[row.Sku] = id;
        await BulkInsert.RunAsync(session, "catalog.variant_attributes", ["variant_id", "name", "value"],
            newVariants.Concat(changedVariants.Select(v => v.Row))
                .SelectMany(r => r.Attributes.Select(a => new object?[] { variantIds[r.Sku], a.Key, a.Value })), ct);

        changedSkus.AddRange(newVariants.Concat(changedVariants.Select(v => v.Row)).Select(r => (r.Sku, r.Status)));
        foreach (var (sku, status) in changedSkus) outbox.Add(new SkuChanged(sku, status));

        return new ImportSummary(rows.Count, newProducts.Count, changedProducts.Count, newVariants.Count, changedVariants.Count,
            rows.Count - newVariants.Count - changedVariants.Count);
    }

    private sealed record ExistingProduct(long Id, string Key);

    private async Task<Dictionary<string, ExistingProduct>> ExistingProductsAsync(string[] codes, CancellationToken ct)
    {
        var result = new Dictionary<string, ExistingProduct>(StringComparer.Ordinal);
        var agg = session.Dialect.IsPostgres ? "string_agg(pc.channel, '|' ORDER BY pc.channel)" : "(SELECT group_concat(channel, '|') FROM (SELECT channel FROM catalog.product_channels WHERE product_id = p.id ORDER BY channel))";
        var channelsSql = session.Dialect.IsPostgres ? $"(SELECT {agg} FROM catalog.product_channels pc WHERE pc.product_id = p.id)" : agg;
        foreach (var chunk in codes.Chunk(2000))
        {
            var rows = await session.QueryAsync<ProductState>(
                $"""
                SELECT p.id AS Id, p.code AS Code, p.name AS Name, c.code AS Category, p.brand AS Brand, p.unit AS Unit, p.vat_rate AS VatRate,
                       p.status AS Status, p.image_urls AS Images, p.slug AS Slug, p.description AS Description, {channelsSql} AS Channels
                FROM catalog.products p JOIN catalog.categories c ON c.id = p.category_id
                WHERE p.code IN @chunk
                """.ToString().Let(session.Dialect), new { chunk = session.Dialect.ListValue(chunk) }, ct);
            foreach (var p in rows)
            {
                var key = new CatalogRow("", p.Code, p.Name, "", p.Category, p.Brand, p.Unit, (int)p.VatRate, Enum.Parse<ProductStatus>(p.Status),
                    CatalogRules.SplitList(p.Channels, '|'), null, [], CatalogRules.SplitList(p.Images, '\n'), p.Slug, p.Description).ProductKey();
                result[p.Code] = new ExistingProduct(p.Id, key);
            }
        }
        return result;
    }

    internal sealed class ProductState
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Category { get; init; } = "";
        public string? Brand { get; init; }
        public string Unit { get; init; } = "";
        public long VatRate { get; init; }
        public string Status { get; init; } = "";
        public string Images { get; init; } = "";
        public string Slug { get; init; } = "";
        public string? Description { get; init; }
        public string? Channels { get; init; }
    }

    internal sealed class VariantState
    {
        public long Id { get; init; }
        public string Sku { get; init; } = "";
        public string ProductCode { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Barcode { get; init; }
        public string SearchText { get; init; } = "";
        public long Position { get; init; }
        public string Attributes { get; set; } = "";
    }

    private async Task<Dictionary<string, VariantState>> ExistingVariantsAsync(string[] skus, CancellationToken ct)
    {
        var result = new Dictionary<string, VariantState>(StringComparer.Ordinal);
        foreach (var chunk in skus.Chunk(2000))
        {
            var rows = await session.QueryAsync<VariantState>(
                """
                SELECT v.id AS Id, v.sku AS Sku, p.code AS ProductCode, v.name AS Name, v.barcode AS Barcode, v.search_text AS SearchText, v.position AS Position
                FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id WHERE v.sku IN @chunk
                """.ToString().Let(session.Dialect), new { chunk = session.Dialect.ListValue(chunk) }, ct);
            var byId = new Dictionary<long, VariantState>();
            foreach (var v in rows) { result[v.Sku] = v; byId[v.Id] = v; }
            if (byId.Count == 0) continue;
            var ids = byId.Keys.ToArray();
            var attrs = await session.QueryAsync<(long VariantId, string Name, string Value)>(
                session.Dialect.Lists("SELECT variant_id, name, value FROM catalog.variant_attributes WHERE variant_id IN @ids"), new { ids = session.Dialect.ListValue(ids) }, ct);
            foreach (var g in attrs.GroupBy(a => a.VariantId))
                byId[g.Key].Attributes = CatalogRules.FormatAttributes(g.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new KeyValuePair<string, string>(a.Name, a.Value)));
        }
        return result;
    }
}
