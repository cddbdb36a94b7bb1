using System.Net;
using AngleSharp.Html.Parser;
using OmniErp.Catalog.Contracts;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;
using OmniErp.Kernel.Money;
using OmniErp.Pricing.BulkPriceEdit;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Prices;

namespace OmniErp.IntegrationTests.Pricing;

public sealed class BulkPriceEditTests
{
    private static string False(TestApp app) => app.Kind == Db.Postgres ? "false" : "0";

    /// <summary>SKUs with a base price, no channel price, no schedule, not key items.</summary>
    private static async Task<List<string>> PlainSkusAsync(TestApp app, int count) =>
        (await app.QueryAsync<string>(
            $"SELECT b.sku FROM pricing.base_prices b WHERE b.key_item = {False(app)} AND NOT EXISTS (SELECT 1 FROM pricing.channel_prices c WHERE c.sku = b.sku) " +
            $"AND NOT EXISTS (SELECT 1 FROM pricing.scheduled_prices s WHERE s.sku = b.sku) ORDER BY b.sku LIMIT {count}")).ToList();

    private static async Task<Dictionary<string, decimal>> BasesAsync(TestApp app, IEnumerable<string> skus)
    {
        var result = new Dictionary<string, decimal>();
        foreach (var sku in skus) result[sku] = await app.ScalarAsync<decimal>("SELECT price FROM pricing.base_prices WHERE sku = @sku", new { sku });
        return result;
    }

    private static BulkPriceEdit Edit(BulkOperation op, decimal value, string? category = null, IReadOnlyList<string>? skus = null, string? channel = null,
        DateTimeOffset? from = null) => new(category, null, null, skus, op, value, channel, from);

    [SkippableTheory, Databases]
    public async Task A_preview_lists_every_sku_of_a_category_and_its_sub_categories_rounded_and_writes_nothing(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var inScope = new List<string>();
        for (var offset = 0; ; offset += 5000)
        {
            var page = await app.SendAsync(new ListSkus(offset, 5000));
            inScope.AddRange(page.Where(s => s.CategoryPath!.StartsWith("nha-cua/", StringComparison.Ordinal)).Select(s => s.Sku));
            if (page.Count < 5000) break;
        }
        var changesBefore = await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes");

        var plan = await app.SendAsync(new PreviewBulkPriceEdit(Edit(BulkOperation.IncreasePercent, 7m, "nha-cua")));

        Assert.Equal(inScope.Order(StringComparer.Ordinal), plan.Rows.Select(r => r.Sku));
        Assert.All(plan.Rows, r => Assert.Equal(Currency.VND.RoundPrice(r.OldPrice * 1.07m), r.NewPrice));
        Assert.All(plan.Rows, r => Assert.Equal(0m, r.NewPrice % 100m));
        Assert.Equal(changesBefore, await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes"));
        // Demo Shopee overrides may sit up to 5 % above the base: a base change that leaves them out of band is flagged.
        Assert.Contains(plan.Rows, r => r.Errors.Any(e => e.Code == ParityRules.ChannelDeviation));
    }

    [SkippableTheory, Databases]
    public async Task Apply_changes_every_price_in_scope_audits_each_and_publishes_the_changes(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var skus = await PlainSkusAsync(app, 6);
        var before = await BasesAsync(app, skus);
        var edit = Edit(BulkOperation.DecreaseAmount, 1_000m, skus: skus);
        var plan = await app.SendAsync(new PreviewBulkPriceEdit(edit));
        Assert.Empty(plan.Errors);

        var applied = await app.SendAsync(new ApplyBulkPriceEdit(edit, "lan", PriceSources.Bulk, plan.Fingerprint));

        Assert.Equal(6, applied.Changed);
        var after = await BasesAsync(app, skus);
        Assert.All(skus, s => Assert.Equal(before[s] - 1_000m, after[s]));
        var audit = await app.QueryAsync<string>("SELECT sku FROM pricing.price_changes WHERE source = 'bulk' AND changed_by = 'lan' AND kind = 'Base'");
        Assert.Equal(skus.Order(), audit.Order());
        Assert.Equal(6, await app.ScalarAsync<long>("SELECT COUNT(*) FROM kernel.outbox WHERE type LIKE '%PriceChanged'"));

        // The preview's fingerprint no longer matches: applying the old preview again is refused, not applied twice.
        var stale = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ApplyBulkPriceEdit(edit, "lan", PriceSources.Bulk, plan.Fingerprint)));
        Assert.Equal("PRICES_CHANGED", stale.Errors[0].Code);
        Assert.Equal(after, await BasesAsync(app, skus));
    }

    [SkippableTheory, Databases]
    public async Task An_edit_with_one_row_breaking_parity_is_refused_whole_naming_the_skus_and_the_rule(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var skus = await PlainSkusAsync(app, 5);
        var key = skus[^1];
        await app.SendAsync(new SetKeyItem(key, true, "test", "test"));
        var before = await BasesAsync(app, skus);
        var changes = await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes");

        // Shopee may go up to +5 %: +3 % is fine for the four plain SKUs, but a key item carries one price everywhere.
        var shopee = Edit(BulkOperation.IncreasePercent, 3m, skus: skus, channel: "shopee");
        var plan = await app.SendAsync(new PreviewBulkPriceEdit(shopee));
        Assert.Equal([key], plan.Rows.Where(r => r.Errors.Count > 0).Select(r => r.Sku));
        var refused = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ApplyBulkPriceEdit(shopee, "test", PriceSources.Bulk)));
        var error = Assert.Single(refused.Errors);
        Assert.Equal((ParityRules.KeyItemParity, key), (error.Code, error.Field));
        Assert.Contains("KEY_ITEM_PARITY", error.Message);

        // Web keeps parity with the base price (0 % band): every row is refused, and listed.
        var web = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ApplyBulkPriceEdit(Edit(BulkOperation.IncreasePercent, 1m, skus: skus, channel: "web"), "test", PriceSources.Bulk)));
        Assert.Equal(skus, web.Errors.Select(e => e.Field));
        Assert.Contains(web.Errors, e => e.Code == ParityRules.ChannelDeviation);

        foreach (var sku in skus)
            Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.channel_prices WHERE sku = @sku", new { sku }));
        Assert.Equal(before, await BasesAsync(app, skus));
        Assert.Equal(changes, await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes"));
    }

    [SkippableTheory, Databases]
    public async Task A_future_effective_time_schedules_the_new_prices_instead_of_changing_them_now(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var skus = await PlainSkusAsync(app, 3);
        var before = await BasesAsync(app, skus);
        var from = DateTimeOffset.UtcNow.AddDays(3);
        var applied = await app.SendAsync(new ApplyBulkPriceEdit(Edit(BulkOperation.Set, 99_000m, skus: skus, from: from), "test", PriceSources.Bulk));
        Assert.NotNull(applied.ScheduledFrom);
        Assert.Equal(before, await BasesAsync(app, skus));
        var quote = await app.SendAsync(new OmniErp.Pricing.Contracts.GetQuote("store", skus.Select(s => new OmniErp.Pricing.Contracts.QuoteLineRequest(s, 1)).ToList(), At: from.AddHours(1)));
        Assert.All(quote.Lines, l => Assert.Equal(99_000m, l.ListUnitPrice));
        Assert.Equal(3, await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes WHERE kind = 'Scheduled' AND source = 'bulk'"));
    }

    [SkippableTheory, Databases]
    public async Task The_bulk_edit_page_previews_applies_and_explains_refusals(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var skus = await PlainSkusAsync(app, 4);
        var before = await BasesAsync(app, skus);
        var client = await app.SignedInAsync(Roles.Merchandiser);
        var parser = new HtmlParser();
        var list = Uri.EscapeDataString(string.Join("\n", skus));

        var preview = parser.ParseDocument(await client.GetStringAsync($"/pricing/bulk/preview?SkuList={list}&Operation=IncreasePercent&Value=5"));
        var rows = preview.QuerySelectorAll("[data-testid=preview] tbody tr");
        Assert.Equal(skus, rows.Select(r => r.GetAttribute("data-sku")));
        Assert.Equal(Currency.VND.RoundPrice(before[skus[0]] * 1.05m).ToString("N0"), rows[0].QuerySelector("[data-testid=new]")!.TextContent);
        var apply = preview.QuerySelector("form[data-testid=apply-form]")!;
        var fields = apply.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        Assert.Equal(before, await BasesAsync(app, skus)); // the preview wrote nothing

        var response = await client.PostAsync("/pricing/bulk/apply", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.All(skus, s => Assert.Equal(Currency.VND.RoundPrice(before[s] * 1.05m), BasesAsync(app, [s]).Result[s]));

        var bad = await client.GetAsync($"/pricing/bulk/preview?SkuList={list}&Operation=IncreasePercent&Value=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotEmpty(parser.ParseDocument(await bad.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=Value]")!.TextContent);
        var empty = await client.GetAsync("/pricing/bulk/preview?Operation=Set&Value=1000");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var refused = await TestApp.PostFormAsync(client, $"/pricing/bulk/preview?SkuList={list}&Operation=IncreasePercent&Value=5", "/pricing/bulk/apply",
            new Dictionary<string, string> { ["SkuList"] = string.Join("\n", skus), ["Operation"] = "IncreasePercent", ["Value"] = "1", ["Channel"] = "web" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("CHANNEL_DEVIATION", page.QuerySelector("[data-testid=errors]")!.TextContent);
        Assert.Equal(skus.Count, page.QuerySelectorAll("[data-testid=preview] [data-code=CHANNEL_DEVIATION]").Length);
    }

    [SkippableTheory, Databases]
    public async Task The_bulk_edit_page_offers_Catalogs_categories_and_refuses_an_unknown_one_naming_the_field(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var categories = await app.SendAsync(new GetCategories());
        var client = await app.SignedInAsync(Roles.Merchandiser);
        var parser = new HtmlParser();
        var changes = await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes");

        var page = parser.ParseDocument(await client.GetStringAsync("/pricing/bulk"));
        var chosen = parser.ParseDocument(await client.GetStringAsync("/pricing/bulk/preview?Category=nha-cua&Operation=IncreasePercent&Value=5"));
        var unknown = await client.GetAsync("/pricing/bulk/preview?Category=khong-co&Operation=IncreasePercent&Value=5");
        var unknownPage = parser.ParseDocument(await unknown.Content.ReadAsStringAsync());
        var applied = await TestApp.PostFormAsync(client, "/pricing/bulk", "/pricing/bulk/apply",
            new Dictionary<string, string> { ["Category"] = "khong-co", ["Operation"] = "IncreasePercent", ["Value"] = "5" });
        var appliedPage = parser.ParseDocument(await applied.Content.ReadAsStringAsync());
        var sent = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new PreviewBulkPriceEdit(Edit(BulkOperation.IncreasePercent, 5m, "khong-co"))));

        Assert.NotEmpty(categories);
        Assert.Equal([string.Empty, .. categories.Select(c => c.Code)], page.QuerySelectorAll("select[name=Category] option").Select(o => o.GetAttribute("value")));
        Assert.Equal("nha-cua", chosen.QuerySelector("select[name=Category] option[selected]")!.GetAttribute("value"));
        Assert.NotEmpty(chosen.QuerySelectorAll("[data-testid=preview] tbody tr"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("khong-co", unknownPage.QuerySelector("[data-valmsg-for=Category]")!.TextContent);
        Assert.Equal("UNKNOWN_CATEGORY", unknownPage.QuerySelector("[data-testid=errors] li[data-field=Category]")!.GetAttribute("data-code"));
        Assert.Equal(HttpStatusCode.BadRequest, applied.StatusCode);
        Assert.NotNull(appliedPage.QuerySelector("[data-testid=errors] li[data-field=Category]"));
        Assert.Equal(("Category", "UNKNOWN_CATEGORY"), (sent.Errors[0].Field, sent.Errors[0].Code));
        Assert.Equal(changes, await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes"));
    }
}
