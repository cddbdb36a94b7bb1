using System.Net;
using AngleSharp.Html.Parser;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;

namespace OmniErp.IntegrationTests.Inventory;

public sealed class InventoryPagesTests
{
    private static readonly HtmlParser Parser = new();

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    [SkippableTheory, Databases]
    public async Task Store_staff_see_their_own_store_first_on_the_stock_page(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        foreach (var location in new[] { "DN01", "HCM01", "HN01", "WH01" }) await app.ReceiveAsync(location, "AO-THUN-1", 4);
        var clerk = await app.SignedInAsync(Roles.StoreClerk, homeStore: "HCM01");

        var page = await PageAsync(clerk, "/inventory/stock");
        var rows = page.QuerySelectorAll("#stock tbody tr").Select(r => r.GetAttribute("data-location")).ToList();
        Assert.Equal(["HCM01", "DN01", "HN01", "WH01"], rows);

        var filtered = await PageAsync(clerk, "/inventory/stock?q=thun&location=WH01");
        Assert.Equal(["WH01"], filtered.QuerySelectorAll("#stock tbody tr").Select(r => r.GetAttribute("data-location")));
    }

    [SkippableTheory, Databases]
    public async Task A_receipt_posted_on_the_form_shows_in_the_ledger_and_a_bad_line_is_explained(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        var manager = await app.SignedInAsync(Roles.StoreManager, homeStore: "HN01");

        var bad = await TestApp.PostFormAsync(manager, "/inventory/receipts", "/inventory/receipts",
            new Dictionary<string, string> { ["Location"] = "HN01", ["Reference"] = "PN-9", ["Lines"] = "AO-1 five 100000" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Line 1", await bad.Content.ReadAsStringAsync());

        var ok = await TestApp.PostFormAsync(manager, "/inventory/receipts", "/inventory/receipts",
            new Dictionary<string, string> { ["Location"] = "HN01", ["Reference"] = "PN-9", ["Lines"] = "AO-1 5 100000\nAO-2 2 50000" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var ledger = await PageAsync(manager, "/inventory/movements?location=HN01&kind=Receipt");
        Assert.Equal(2, ledger.QuerySelectorAll("#movements tbody tr").Length);

        var adjust = await TestApp.PostFormAsync(manager, "/inventory/adjustments", "/inventory/adjustments",
            new Dictionary<string, string> { ["Location"] = "HN01", ["Sku"] = "AO-1", ["Quantity"] = "-9", ["Reason"] = "damaged" });
        Assert.Equal(HttpStatusCode.OK, adjust.StatusCode); // refused: only 5 on hand
        Assert.Contains("5 available", WebUtility.HtmlDecode(await adjust.Content.ReadAsStringAsync()));
    }

    [SkippableTheory, Databases]
    public async Task A_clerk_counts_a_shelf_and_the_manager_posts_the_variance(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("HN01", "MU-1", 6);
        var clerk = await app.SignedInAsync(Roles.StoreClerk, homeStore: "HN01");
        var start = await TestApp.PostFormAsync(clerk, "/inventory/counts", "/inventory/counts", new Dictionary<string, string> { ["location"] = "HN01" });
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var sheetUrl = start.Headers.Location!.ToString();

        var saved = await TestApp.PostFormAsync(clerk, sheetUrl, sheetUrl, new Dictionary<string, string> { ["lines[0].Sku"] = "MU-1", ["lines[0].Counted"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var clerkPost = await TestApp.PostFormAsync(clerk, sheetUrl, sheetUrl + "/post", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, clerkPost.StatusCode);

        var manager = await app.SignedInAsync(Roles.StoreManager, homeStore: "HN01");
        var posted = await TestApp.PostFormAsync(manager, sheetUrl, sheetUrl + "/post", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(5, (await app.LevelAsync("MU-1", "HN01")).OnHand);
        var sheet = await PageAsync(manager, sheetUrl);
        Assert.Equal("-1", sheet.QuerySelector("#sheet tbody tr td:last-child")!.TextContent.Trim());
    }

    [SkippableTheory, Databases]
    public async Task A_transfer_shipped_from_the_warehouse_is_received_from_the_transfers_page(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("WH01", "VI-1", 10);
        var manager = await app.SignedInAsync(Roles.StoreManager, homeStore: "DN01");
        var shipped = await TestApp.PostFormAsync(manager, "/inventory/transfers", "/inventory/transfers",
            new Dictionary<string, string> { ["From"] = "WH01", ["To"] = "DN01", ["Lines"] = "VI-1 4" });
        Assert.Equal(HttpStatusCode.Redirect, shipped.StatusCode);
        var list = await PageAsync(manager, "/inventory/transfers");
        var receive = list.QuerySelector("#transfers form")!.GetAttribute("action")!;
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(manager, "/inventory/transfers", receive, new Dictionary<string, string>())).StatusCode);
        Assert.Equal(4, (await app.LevelAsync("VI-1", "DN01")).OnHand);

        await app.SendAsync(new OmniErp.Inventory.Stock.SetReorderPoint("VI-1", "DN01", 5, 20));
        var low = await PageAsync(manager, "/inventory/stock/low");
        Assert.Equal(["DN01"], low.QuerySelectorAll("#stock tbody tr").Select(r => r.GetAttribute("data-location")));
    }

    [SkippableTheory, Databases]
    public async Task An_accountant_cannot_adjust_stock(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        var accountant = await app.SignedInAsync(Roles.Accountant);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.GetAsync("/inventory/adjustments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync("/inventory/movements")).StatusCode);
    }
}
