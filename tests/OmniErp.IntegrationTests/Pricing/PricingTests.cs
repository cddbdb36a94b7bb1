using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Prices;
using OmniErp.Pricing.Promotions;

namespace OmniErp.IntegrationTests.Pricing;

public sealed class PricingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    /// <summary>An active SKU listed on every channel, not a key item and without overrides.</summary>
    private static async Task<string> PlainSkuAsync(TestApp app, bool key = false)
    {
        var candidates = await app.QueryAsync<string>(
            "SELECT b.sku FROM pricing.base_prices b WHERE b.key_item = " + (app.Kind == Db.Postgres ? (key ? "true" : "false") : (key ? "1" : "0")) +
            " AND NOT EXISTS (SELECT 1 FROM pricing.channel_prices c WHERE c.sku = b.sku) AND NOT EXISTS (SELECT 1 FROM pricing.scheduled_prices s WHERE s.sku = b.sku) ORDER BY b.sku");
        var skus = await app.SendAsync(new GetSkus(candidates.ToList()));
        return skus.First(s => s.Status == ProductStatus.Active && s.Channels.Count == 3 && s.CategoryPath!.StartsWith("nha-cua")).Sku;
    }

    private static async Task<decimal> BaseAsync(TestApp app, string sku) =>
        await app.ScalarAsync<decimal>("SELECT price FROM pricing.base_prices WHERE sku = @sku", new { sku });

    [SkippableTheory, Databases]
    public async Task A_quote_prices_lines_with_vat_and_a_trace(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var sku = await PlainSkuAsync(app);
        var basePrice = await BaseAsync(app, sku);
        var quote = await app.SendAsync(new GetQuote("store", [new QuoteLineRequest(sku, 2), new QuoteLineRequest("NO-SUCH", 1)], At: At));
        var line = Assert.Single(quote.Lines);
        Assert.Equal(basePrice, line.ListUnitPrice);
        Assert.Equal(quote.Total, quote.Lines.Sum(l => l.LineTotal));
        Assert.Equal(quote.VatTotal, quote.Vat.Sum(v => v.Vat));
        Assert.Contains(line.Trace, t => t.StartsWith("base price"));
        Assert.Equal("UNKNOWN_SKU", Assert.Single(quote.Problems).Code);
        var prices = await app.SendAsync(new GetPrices("web", [sku, "NO-SUCH"], At: At));
        Assert.Equal(sku, Assert.Single(prices).Sku);
    }

    [SkippableFact]
    public async Task The_same_cart_gets_the_same_quote_on_sqlite_and_postgresql()
    {
        PostgresGuard.SkipIfUnavailable(Db.Postgres);
        await using var sqlite = await TestApp.StartAsync(Db.Sqlite, demo: true);
        await using var postgres = await TestApp.StartAsync(Db.Postgres, demo: true);
        var skus = (await sqlite.SendAsync(new ListSkus(0, 200, ProductStatus.Active))).Where((_, i) => i % 20 == 0).Select(s => s.Sku).ToList();
        var request = new GetQuote("web", skus.Select((s, i) => new QuoteLineRequest(s, 1 + i % 4)).ToList(), At: At, CouponCodes: ["CHAOBAN50K"]);
        var a = JsonSerializer.Serialize(await sqlite.SendAsync(request));
        var b = JsonSerializer.Serialize(await postgres.SendAsync(request));
        Assert.Equal(a, b);
    }

    [SkippableTheory, Databases]
    public async Task Parity_cannot_be_broken_through_the_command_the_csv_the_cli_or_the_page(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var key = await PlainSkuAsync(app);
        await app.SendAsync(new SetKeyItem(key, true, "test", "test"));
        var basePrice = await BaseAsync(app, key);

        var command = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new SetPrice(key, "shopee", basePrice + 1000, "test", "test")));
        Assert.Equal(ParityRules.KeyItemParity, command.Errors[0].Code);
        Assert.Contains("KEY_ITEM_PARITY", command.Errors[0].Message);

        var other = (await app.QueryAsync<string>("SELECT sku FROM pricing.base_prices WHERE sku <> @key ORDER BY sku LIMIT 1", new { key })).Single();
        var csv = $"sku,channel,price\n{other},,{await BaseAsync(app, other) + 100}\n{key},web,{basePrice + 100}\n";
        var import = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new ImportPrices(csv, "test", "csv")));
        Assert.Contains(import.Errors, e => e.Code == ParityRules.KeyItemParity && e.Field!.StartsWith("row 3"));
        Assert.Equal(await BaseAsync(app, other), (await app.QueryAsync<decimal>("SELECT new_price FROM pricing.price_changes WHERE sku = @other ORDER BY id DESC LIMIT 1", new { other })).Single());

        var output = new StringWriter();
        var exit = await app.InScopeAsync(sp => sp.GetServices<ICliVerb>().Single(v => v.Name == "price-set").RunAsync([key, (basePrice - 1000).ToString(), "--channel", "store"], output, default));
        Assert.Equal(1, exit);
        Assert.Contains("KEY_ITEM_PARITY", output.ToString());

        var client = await app.SignedInAsync(Roles.Merchandiser);
        var page = await TestApp.PostFormAsync(client, "/pricing/prices/" + key, "/pricing/prices/set",
            new Dictionary<string, string> { ["Sku"] = key, ["Channel"] = "shopee", ["Price"] = (basePrice + 1000).ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.Contains("KEY_ITEM_PARITY", html.QuerySelector("[data-testid=errors]")!.TextContent);

        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.channel_prices WHERE sku = @key", new { key }));
        Assert.Empty(await app.SendAsync(new GetParityReport(At)));
        var keyPromotion = new SavePromotion("KEYWEB", "Web only", PromotionKind.PercentOff, PromotionTarget.Sku, key, 10m, 0, 0, 0m, Stacking.Stackable, 1,
            ["web"], null, null, false, true, [], null, "test", "test");
        Assert.Equal(ParityRules.KeyItemParity, (await Assert.ThrowsAsync<AppException>(() => app.SendAsync(keyPromotion))).Errors[0].Code);
    }

    [SkippableTheory, Databases]
    public async Task A_channel_price_stays_within_its_band_and_every_change_is_audited(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var sku = await PlainSkuAsync(app);
        var basePrice = await BaseAsync(app, sku);
        var tooHigh = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new SetPrice(sku, "shopee", basePrice * 2, "test", "test")));
        Assert.Equal(ParityRules.ChannelDeviation, tooHigh.Errors[0].Code);
        var web = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new SetPrice(sku, "web", basePrice - 100, "test", "test")));
        Assert.Equal(ParityRules.ChannelDeviation, web.Errors[0].Code);

        var shopee = basePrice + 100;
        await app.SendAsync(new SetPrice(sku, "shopee", shopee, "ana", "test"));
        var prices = await app.SendAsync(new GetPrices("shopee", [sku], At: At));
        Assert.Equal(shopee, prices[0].Price);
        // A base price cut that would leave Shopee more than 5 % above is refused too.
        var cut = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new SetPrice(sku, null, basePrice / 2 - basePrice / 2 % 100, "test", "test")));
        Assert.Equal(ParityRules.ChannelDeviation, cut.Errors[0].Code);

        var history = await app.SendAsync(new GetPriceHistory(sku));
        Assert.Equal(("Channel", "shopee", (decimal?)shopee, "ana"), (history[0].Kind, history[0].Channel, history[0].NewPrice, history[0].ChangedBy));
        var asOfBefore = await app.SendAsync(new GetPriceAsOf(sku, "shopee", At.AddDays(-1)));
        Assert.Equal((basePrice, (decimal?)null), (asOfBefore.BasePrice!.Value, asOfBefore.ChannelPrice));
        var asOfNow = await app.SendAsync(new GetPriceAsOf(sku, "shopee", DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal(shopee, asOfNow.Regular);
    }

    [SkippableTheory, Databases]
    public async Task A_coupon_with_one_use_left_is_redeemed_once_and_then_refused(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var sku = await PlainSkuAsync(app);
        var cart = new GetQuote("web", [new QuoteLineRequest(sku, 10)], At: At, CouponCodes: ["VIP-TET"]);
        var quote = await app.SendAsync(cart);
        Assert.Contains(quote.OrderDiscounts, d => d.RuleCode == "SIEUSALE");
        Assert.True(await app.SendAsync(new RedeemCoupons("ORDER-1", ["VIP-TET"])));
        Assert.True(await app.SendAsync(new RedeemCoupons("ORDER-1", ["VIP-TET"]))); // same order: counted once
        var refused = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new RedeemCoupons("ORDER-2", ["VIP-TET"])));
        Assert.Equal("COUPON_USED_UP", refused.Errors[0].Code);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT used_count FROM pricing.coupons WHERE code = 'VIP-TET'"));
        var after = await app.SendAsync(cart);
        Assert.Equal("COUPON_USED_UP", Assert.Single(after.Problems).Code);
    }

    [SkippableTheory, Databases]
    public async Task The_price_pages_show_a_sku_on_every_channel_the_parity_report_and_promotions(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var sku = await PlainSkuAsync(app);
        var client = await app.SignedInAsync(Roles.Merchandiser);
        var parser = new HtmlParser();
        var check = parser.ParseDocument(await client.GetStringAsync("/pricing/check?Sku=" + sku));
        Assert.Equal(3, check.QuerySelectorAll("[data-testid=quotes] [data-channel]").Length);
        Assert.NotEmpty(check.QuerySelectorAll("[data-testid=trace] li"));
        Assert.NotNull(parser.ParseDocument(await client.GetStringAsync("/pricing/parity")).QuerySelector("[data-testid=parity-ok]"));
        Assert.NotEmpty(parser.ParseDocument(await client.GetStringAsync("/pricing/prices")).QuerySelectorAll("[data-testid=prices] tbody tr"));
        Assert.NotNull(parser.ParseDocument(await client.GetStringAsync("/pricing/prices/" + sku)).QuerySelector("[data-testid=history]"));
        var promotions = parser.ParseDocument(await client.GetStringAsync("/pricing/promotions"));
        Assert.Contains("CHAOBAN50K", promotions.QuerySelector("[data-testid=promotions]")!.TextContent);
        var bad = await TestApp.PostFormAsync(client, "/pricing/promotions", "/pricing/promotions/save",
            new Dictionary<string, string> { ["Form.Code"] = "x", ["Form.Name"] = "", ["Form.Kind"] = "0", ["Form.Target"] = "2", ["Form.Value"] = "0" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var form = parser.ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.NotEmpty(form.QuerySelector("[data-valmsg-for='Form.Code']")!.TextContent);
    }
}
