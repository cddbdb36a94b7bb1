using System.Net;
using AngleSharp.Html.Parser;
using OmniErp.Customers.Accounts;
using OmniErp.Customers.Carts;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.CustomerMerges;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;

namespace OmniErp.IntegrationTests.Customers;

public sealed class PageTests
{
    private static readonly HtmlParser Parser = new();

    [SkippableTheory, Databases]
    public async Task A_clerk_finds_a_customer_by_phone_in_any_format_and_opens_their_360_page(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var sku = (await host.SkusAsync(1))[0];
        var lan = await host.CustomerAsync("0920000050", "Nguyễn Thị Lan", "store");
        await host.CustomerAsync("0920000051", "Trần Văn Minh", "web");
        await host.PublishAsync(Shop.Paid(lan.Id, 1_000_000m, host.Clock.GetUtcNow(), "store"), Shop.Paid(lan.Id, 500_000m, host.Clock.GetUtcNow(), "web"));
        await host.SendAsync(new AddToCart(lan.Id, sku, 2, "web"));
        var client = await host.App.SignedInAsync(Roles.StoreClerk);

        var list = Parser.ParseDocument(await client.GetStringAsync("/customers/customers?q=%2B84%20920%20000%20050"));
        var rows = list.QuerySelectorAll("#customers tbody tr");
        Assert.Single(rows);
        Assert.Contains("Nguyễn Thị Lan", rows[0].TextContent);

        var page = Parser.ParseDocument(await client.GetStringAsync($"/customers/customers/{lan.Id}"));
        Assert.Equal("150", page.QuerySelector("#points")!.TextContent.Trim());
        Assert.Contains("0920 000 050", page.QuerySelector("#profile")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("#channels ul:first-of-type li").Length);
        Assert.Equal(2, page.QuerySelectorAll("#ledger tbody tr").Length);
        // The cart as the store would sell it: Pricing's store price for this customer, from the real modules.
        var quoted = await host.QuoteAsync("store", sku, 2, lan.Id);
        var cartText = page.QuerySelector("#cart")!.TextContent;
        Assert.Contains($"2 × {await host.NameAsync(sku)}", cartText);
        Assert.Contains(quoted.LineTotal.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")), cartText);
    }

    [SkippableTheory, Databases]
    public async Task A_name_search_lists_matching_customers_only(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        await host.CustomerAsync("0912345678", "Nguyễn Thị Lan");
        await host.CustomerAsync("0987654321", "Trần Văn Minh");
        var client = await host.App.SignedInAsync(Roles.Merchandiser);

        var list = Parser.ParseDocument(await client.GetStringAsync("/customers/customers?q=Minh"));
        var row = Assert.Single(list.QuerySelectorAll("#customers tbody tr"));
        Assert.Contains("Trần Văn Minh", row.TextContent);
    }

    [SkippableTheory, Databases]
    public async Task A_manager_reviews_a_proposed_merge_and_applies_it_from_the_page(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var a = await host.CustomerAsync("0912345678", "Nguyễn Thị Lan");
        var b = await host.CustomerAsync("0987654321", "Lan Nguyen");
        await host.PublishAsync(Shop.Paid(b.Id, 700_000m, host.Clock.GetUtcNow()));
        var clerk = await host.App.SignedInAsync(Roles.StoreClerk);
        var proposed = await TestApp.PostFormAsync(clerk, $"/customers/customers/{a.Id}", $"/customers/customers/{a.Id}/merge",
            new Dictionary<string, string> { ["duplicateId"] = b.Id.ToString(), ["reason"] = "Cùng một người" });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var reviewUrl = proposed.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync(reviewUrl)).StatusCode);

        var manager = await host.App.SignedInAsync(Roles.StoreManager);
        var review = Parser.ParseDocument(await manager.GetStringAsync(reviewUrl));
        Assert.Contains("70", review.QuerySelector("#preview")!.TextContent);
        Assert.Equal(0, await host.BalanceAsync(a.Id));

        var applied = await TestApp.PostFormAsync(manager, reviewUrl, reviewUrl + "/apply", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(70, await host.BalanceAsync(a.Id));
        var merge = Assert.Single(await host.SendAsync(new ListMerges()));
        Assert.Equal("Applied", merge.Status);
        Assert.StartsWith("storemanager.", merge.DecidedBy);
    }

    [SkippableTheory, Databases]
    public async Task The_accountant_sees_the_loyalty_liability_and_a_clerk_may_not(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var lan = await host.CustomerAsync("0912345678");
        await host.PublishAsync(Shop.Paid(lan.Id, 2_345_000m, host.Clock.GetUtcNow()));
        var accountant = await host.App.SignedInAsync(Roles.Accountant);

        var page = Parser.ParseDocument(await accountant.GetStringAsync("/customers/loyalty"));
        Assert.Equal("234", page.QuerySelector("#points-outstanding")!.TextContent.Trim());
        Assert.Equal("23,400 VND", page.QuerySelector("#liability-value")!.TextContent.Trim());
        var clerk = await host.App.SignedInAsync(Roles.StoreClerk);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/customers/loyalty")).StatusCode);
    }

    [SkippableTheory, Databases]
    public async Task The_abandoned_carts_page_lists_a_cart_idle_past_the_configured_time(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var sku = (await host.SkusAsync(1))[0];
        var single = await host.CustomerAsync("0920000052", "Khách bỏ giỏ");
        await host.SendAsync(new AddToCart(single.Id, sku, 1, "web"));
        host.Clock.Advance(TimeSpan.FromHours(5));
        await host.SendAsync(new MarkAbandonedCarts());
        var client = await host.App.SignedInAsync(Roles.Merchandiser);

        var abandoned = Parser.ParseDocument(await client.GetStringAsync("/customers/carts/abandoned"));
        Assert.Contains(abandoned.QuerySelectorAll("#abandoned tbody tr"), r => r.TextContent.Contains("Khách bỏ giỏ"));
    }

    [SkippableTheory, Databases]
    public async Task The_segments_page_compares_omnichannel_and_single_channel_customers(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var omni = await host.CustomerAsync("0912345678", "Khách đa kênh");
        var single = await host.CustomerAsync("0987654321", "Khách một kênh");
        var t = host.Clock.GetUtcNow();
        await host.PublishAsync(Shop.Paid(omni.Id, 1_000_000m, t, "store"), Shop.Paid(omni.Id, 300_000m, t, "web"), Shop.Paid(single.Id, 1_000_000m, t, "store"));
        var client = await host.App.SignedInAsync(Roles.Merchandiser);

        var segments = Parser.ParseDocument(await client.GetStringAsync("/customers/segments"));
        var groups = segments.QuerySelectorAll("#channel-groups tbody tr");
        Assert.Equal(2, groups.Length);
        Assert.Contains("1,300,000", groups[0].TextContent);
        Assert.Contains("1.30", segments.QuerySelector("#omni-ratio")!.TextContent);
    }

    [SkippableTheory, Databases]
    public async Task Pages_in_Vietnamese_use_the_module_texts(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db);
        var client = await host.App.SignedInAsync(Roles.Admin);
        await TestApp.PostFormAsync(client, "/", "/account/language", new Dictionary<string, string> { ["culture"] = "vi-VN", ["returnUrl"] = "/" });
        var html = await client.GetStringAsync("/customers/segments");
        Assert.Contains("Phân khúc", html);
    }
}
