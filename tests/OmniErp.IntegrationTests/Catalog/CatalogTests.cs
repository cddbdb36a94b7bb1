using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.Catalog.ProductImport;
using OmniErp.Catalog.Products;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.IntegrationTests.Catalog;

public sealed class CatalogTests
{
    private static async Task<string> ExportAsync(TestApp app)
    {
        var writer = new StringWriter();
        await app.SendAsync(new ExportCatalog(writer));
        return writer.ToString();
    }

    private static Task<long> OutboxCountAsync(TestApp app) =>
        app.ScalarAsync<long>("SELECT COUNT(*) FROM kernel.outbox WHERE type LIKE '%SkuChanged'");

    [SkippableTheory, Databases]
    public async Task The_contract_lists_skus_in_order_and_gets_only_known_ones(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var page = await app.SendAsync(new ListSkus(0, 50));
        Assert.Equal(50, page.Count);
        Assert.Equal(page.Select(s => s.Sku).Order(StringComparer.Ordinal), page.Select(s => s.Sku));
        var first = page[0];
        Assert.NotEmpty(first.Channels);
        Assert.Contains('/', first.CategoryPath!);
        Assert.True(CatalogRules.IsValidGtin(first.Barcode));
        var got = await app.SendAsync(new GetSkus([first.Sku, "NO-SUCH-SKU"]));
        Assert.Equal(first, Assert.Single(got) with { Channels = first.Channels });
        Assert.Equal(first.Channels, got[0].Channels);
    }

    [SkippableTheory, Databases]
    public async Task Importing_the_exported_catalog_changes_nothing_and_an_edit_changes_only_its_rows(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var csv = await ExportAsync(app);
        var before = await OutboxCountAsync(app);
        var same = await app.SendAsync(new ImportCatalog(csv));
        Assert.Equal(0, same.ProductsCreated + same.ProductsUpdated + same.SkusCreated + same.SkusUpdated);
        Assert.Equal(same.Rows, same.SkusUnchanged);
        Assert.Equal(before, await OutboxCountAsync(app));

        var lines = csv.TrimEnd().Split("\r\n").ToList();
        var fields = Csv.Read(new StringReader(lines[1]))[0];
        fields[3] = "Tên mới, có dấu phẩy";
        var changedRow = new StringWriter();
        Csv.WriteRecord(changedRow, fields);
        var added = new[] { "NEW-0001-M", "NEW-0001", "Áo mới", "", "ao-thun", "Sen Việt", "cái", "8", "Draft", "store|web", "8934563138165", "size=M", "", "", "" };
        var addedRow = new StringWriter();
        Csv.WriteRecord(addedRow, added);
        var edited = lines[0] + "\r\n" + changedRow + string.Join("\r\n", lines.Skip(2)) + "\r\n" + addedRow;
        var result = await app.SendAsync(new ImportCatalog(edited));
        Assert.Equal((1, 1, 1), (result.ProductsCreated, result.SkusCreated, result.SkusUpdated));
        Assert.Equal(before + 2, await OutboxCountAsync(app));
        var sku = Assert.Single(await app.SendAsync(new GetSkus(["NEW-0001-M", fields[0]])), s => s.Sku == "NEW-0001-M");
        Assert.Equal(("ao-thun", ProductStatus.Draft, 8), (sku.CategoryCode, sku.Status, sku.VatRate));
        var again = await app.SendAsync(new ImportCatalog(edited));
        Assert.Equal(again.Rows, again.SkusUnchanged);
    }

    [SkippableTheory, Databases]
    public async Task A_bad_file_is_refused_whole_with_every_error_by_row_and_column(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var count = await app.ScalarAsync<long>("SELECT COUNT(*) FROM catalog.variants");
        var header = string.Join(",", CatalogRow.Columns);
        var csv = header + "\r\n" +
                  "GOOD-1,GOOD,Tốt,,ao-thun,,cái,8,Active,store,,,,,\r\n" +
                  "BAD-1,BAD,Xấu,,no-such-category,,cái,7,Active,store,8934563138166,,,,\r\n" +
                  "GOOD-1,GOOD,Tốt,,ao-thun,,cái,8,Active,mars,,size,,,\r\n";
        var refused = await Assert.ThrowsAsync<CatalogImportRefused>(() => app.SendAsync(new ImportCatalog(csv)));
        var errors = refused.Rows.Select(e => (e.Row, e.Column)).ToList();
        Assert.Contains((3, "vat_rate"), errors);
        Assert.Contains((3, "barcode"), errors);
        Assert.Contains((4, "sku"), errors);
        Assert.Contains((4, "channels"), errors);
        Assert.Contains((4, "attributes"), errors);
        Assert.Equal(count, await app.ScalarAsync<long>("SELECT COUNT(*) FROM catalog.variants"));

        var unknownCategory = header + "\r\nBAD-1,BAD,Xấu,,no-such-category,,cái,8,Active,store,,,,,\r\n";
        var refused2 = await Assert.ThrowsAsync<CatalogImportRefused>(() => app.SendAsync(new ImportCatalog(unknownCategory)));
        Assert.Equal((2, "category"), (refused2.Rows[0].Row, refused2.Rows[0].Column));
    }

    [SkippableTheory, Databases]
    public async Task The_product_list_searches_without_accents_filters_sorts_and_pages(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var all = await app.SendAsync(new ListProducts(PageSize: 10));
        Assert.Equal(await app.ScalarAsync<long>("SELECT COUNT(*) FROM catalog.variants"), all.Total);
        var ao = await app.SendAsync(new ListProducts(Q: "ao thun", PageSize: 200));
        Assert.NotEmpty(ao.Rows);
        Assert.All(ao.Rows, r => Assert.Contains("ao thun", CatalogRules.Fold(r.Name)));
        var sized = await app.SendAsync(new ListProducts(Attribute: "size=M", Category: "thoi-trang", Sort: "name", Desc: true, PageSize: 200));
        Assert.NotEmpty(sized.Rows);
        Assert.All(sized.Rows, r => Assert.Contains("M", r.Attributes.Split(", ")));
        Assert.Equal(sized.Rows.Select(r => r.Name).OrderDescending(StringComparer.Ordinal), sized.Rows.Select(r => r.Name), StringComparer.Ordinal);
        var page2 = await app.SendAsync(new ListProducts(PageSize: 10, Page: 2));
        Assert.Empty(page2.Rows.Select(r => r.Sku).Intersect(all.Rows.Select(r => r.Sku)));
    }

    [SkippableTheory, Databases]
    public async Task Saving_a_product_checks_each_field_and_publishes_sku_changed(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var bad = new SaveProduct(null, "P-NEW", "", null, "ao-thun", null, "cái", 7, ProductStatus.Draft, null, ["store"], ["not a url"],
            [new VariantInput("P-NEW-1", "", "8934563138166", "size"), new VariantInput("P-NEW-1", "", null, null)]);
        var ex = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(bad));
        Assert.Equal(["ImageUrls", "Name", "Variants", "VatRate"], ex.Errors.Select(e => e.Field!).Distinct().Order());

        var existing = (await app.SendAsync(new ListSkus(0, 1)))[0].Sku;
        var taken = bad with { Name = "Áo mới", VatRate = 8, ImageUrls = [], Variants = [new VariantInput(existing, "", null, null)] };
        var ex2 = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(taken));
        Assert.Contains(ex2.Errors, e => e.Field == "Variants" && e.Message.Contains(existing));

        var before = await OutboxCountAsync(app);
        var good = taken with { Variants = [new VariantInput("P-NEW-1", "", "8934563138165", "size=M; color=Đỏ")] };
        var id = await app.SendAsync(good);
        Assert.Equal(before + 1, await OutboxCountAsync(app));
        var saved = await app.SendAsync(new GetProduct(id));
        Assert.Equal("ao-moi-p-new", saved!.Slug);
        Assert.Equal("color=Đỏ; size=M", saved.Variants[0].Attributes);
    }

    [SkippableTheory, Databases]
    public async Task The_product_pages_list_edit_with_field_errors_and_refuse_a_bad_import(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var client = await app.SignedInAsync(Roles.Merchandiser);
        var parser = new HtmlParser();
        var list = parser.ParseDocument(await client.GetStringAsync("/catalog/products?Q=ao&Sort=name&PageSize=10"));
        Assert.Equal(10, list.QuerySelectorAll("[data-testid=products] tbody tr").Length);

        var response = await TestApp.PostFormAsync(client, "/catalog/products/new", "/catalog/products/save", new Dictionary<string, string>
        {
            ["Code"] = "P-PAGE", ["Name"] = "", ["Category"] = "ao-thun", ["Unit"] = "cái", ["VatRate"] = "8", ["Status"] = "Draft",
            ["Variants"] = "P-PAGE-1 | | 8934563138166 |",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter a name.", page.QuerySelector("[data-valmsg-for=Name]")!.TextContent);
        Assert.Contains("check digit", page.QuerySelector("[data-testid=variant-errors]")!.TextContent);

        var token = await TestApp.AntiforgeryTokenAsync(client, "/catalog/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(string.Join(",", CatalogRow.Columns) + "\r\nX-1,X,Tên,,ao-thun,,cái,9,Active,store,,,,,\r\n"), "file", "bad.csv" },
        };
        var import = await client.PostAsync("/catalog/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        var errors = parser.ParseDocument(await import.Content.ReadAsStringAsync()).QuerySelectorAll("[data-testid=import-errors] tbody tr");
        Assert.Contains(errors, r => r.TextContent.Contains("vat_rate"));

        var export = await client.GetAsync("/catalog/import/export.csv");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("sku,product_code", (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
    }
}
