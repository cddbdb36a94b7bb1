using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;
using OmniErp.Orders.Returns;

namespace OmniErp.IntegrationTests.Orders;

public sealed class PageTests
{
    [SkippableTheory, Databases]
    public async Task A_clerk_rings_up_a_sale_on_the_POS_page_and_sees_it_in_the_list_and_on_its_page(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 5);
        var client = await app.SignedInAsync(Roles.StoreClerk, "HN01");

        var page = await client.GetStringAsync("/orders/pos");
        var key = System.Text.RegularExpressions.Regex.Match(page, "name=\"SaleKey\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Store"] = "HN01", ["Items"] = $"{sku} 2", ["Phone"] = "0911222333", ["PaymentMethod"] = "cash", ["SaleKey"] = key, ["submit"] = "sell" };
        var sold = await TestApp.PostFormAsync(client, "/orders/pos", "/orders/pos", fields);
        var html = await sold.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sold.StatusCode);
        var number = System.Text.RegularExpressions.Regex.Match(html, "/orders/orders/(POS-[0-9A-Z-]+)").Groups[1].Value;
        Assert.NotEmpty(number);
        var again = await TestApp.PostFormAsync(client, "/orders/pos", "/orders/pos", fields); // double submit: same sale
        Assert.Contains(number, await again.Content.ReadAsStringAsync());

        Assert.Contains(number, await client.GetStringAsync("/orders/orders?channel=store&status=completed&store=HN01"));
        var detail = await client.GetStringAsync($"/orders/orders/{number}");
        Assert.Contains("Return items", detail);
        Assert.Contains("timeline", detail);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/orders/orders/{number}/return")).StatusCode);
    }

    [SkippableTheory, Databases]
    public async Task The_POS_lists_Inventorys_stores_and_offers_points_once_the_phone_finds_a_customer_with_points(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 5);
        var stores = (await app.SendAsync(new OmniErp.Inventory.Contracts.GetLocations()))
            .Where(l => l.Type == OmniErp.Inventory.Contracts.LocationType.Store).Select(l => l.Code).Order(StringComparer.Ordinal).ToList();
        var customer = await app.SendAsync(new OmniErp.Customers.Contracts.FindOrCreateCustomer("0355 000 301", null, "Đặng Thị Hoa", "store"));
        await app.ScalarAsync<long>(
            "INSERT INTO customers.points_ledger (customer_id, kind, points, reference, order_id, occurred_at) VALUES (@Id, 'Adjust', 120, 'test-pos-grant', NULL, @at) RETURNING id",
            new { customer.Id, at = DateTimeOffset.UtcNow });
        await app.ScalarAsync<long>("UPDATE customers.customers SET points_balance = points_balance + 120 WHERE id = @Id RETURNING points_balance", new { customer.Id });
        var client = await app.SignedInAsync(Roles.StoreClerk, "HN01");
        var parser = new AngleSharp.Html.Parser.HtmlParser();

        var page = parser.ParseDocument(await client.GetStringAsync("/orders/pos"));
        var options = page.QuerySelectorAll("select[name=Store] option").Select(o => o.GetAttribute("value")!).ToList();
        Assert.Equal(stores, options);
        Assert.DoesNotContain("WH01", options);
        Assert.Null(page.QuerySelector("input[name=RedeemPoints]"));

        var key = page.QuerySelector("input[name=SaleKey]")!.GetAttribute("value")!;
        var priced = await TestApp.PostFormAsync(client, "/orders/pos", "/orders/pos",
            new Dictionary<string, string> { ["Store"] = "HN01", ["Items"] = $"{sku} 1", ["Phone"] = "0355000301", ["PaymentMethod"] = "cash", ["SaleKey"] = key, ["submit"] = "quote" });
        var quoted = parser.ParseDocument(await priced.Content.ReadAsStringAsync());
        Assert.Equal("120", quoted.QuerySelector("#points-balance")?.TextContent.Trim());
        Assert.NotNull(quoted.QuerySelector("input[name=RedeemPoints]"));

        var sold = await TestApp.PostFormAsync(client, "/orders/pos", "/orders/pos",
            new Dictionary<string, string> { ["Store"] = "HN01", ["Items"] = $"{sku} 1", ["Phone"] = "0355000301", ["PaymentMethod"] = "cash", ["SaleKey"] = key, ["RedeemPoints"] = "100", ["submit"] = "sell" });
        Assert.Equal(HttpStatusCode.OK, sold.StatusCode);
        Assert.Contains("/orders/orders/POS-", await sold.Content.ReadAsStringAsync());
        Assert.Equal(20L, await app.ScalarAsync<long>("SELECT points_balance FROM customers.customers WHERE id = @Id", new { customer.Id }));

        var badStore = await TestApp.PostFormAsync(client, "/orders/pos", "/orders/pos",
            new Dictionary<string, string> { ["Store"] = "WH01", ["Items"] = $"{sku} 1", ["PaymentMethod"] = "cash", ["SaleKey"] = "x", ["submit"] = "sell" });
        Assert.Equal(HttpStatusCode.OK, badStore.StatusCode);
        Assert.Contains("Choose one of the stores", await badStore.Content.ReadAsStringAsync());
    }

    [SkippableTheory, Databases]
    public async Task In_Vietnamese_order_dates_are_written_day_first_in_shop_time_on_the_list_the_page_its_returns_and_timeline(Db db)
    {
        // 18:05 UTC is 01:05 the next day in Hà Nội: the page must show the shop's day, not UTC's.
        var today = DateTimeOffset.UtcNow;
        var placedAt = new DateTimeOffset(today.Year, today.Month, today.Day, 18, 5, 0, TimeSpan.Zero).AddDays(-1);
        var clock = new ManualClock(placedAt);
        await using var app = await OrdersTestApp.StartAsync(db, s => s.AddSingleton<TimeProvider>(clock));
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "HN01", 5);
        var sale = await app.SendAsync(OrdersTestApp.Pos("vi-dates", "HN01", null, (sku, 2)));
        clock.Advance(TimeSpan.FromMinutes(50));
        await app.SendAsync(new ReturnOrderLines(sale.Number, "store", "HN01", [new ReturnLineRequest(1, 1, Restock: true)], "clerk"));
        var vietnamese = await app.SignedInAsync(Roles.StoreClerk, "HN01");
        await TestApp.PostFormAsync(vietnamese, "/", "/account/language", new Dictionary<string, string> { ["culture"] = "vi-VN", ["returnUrl"] = "/" });
        var english = await app.SignedInAsync(Roles.StoreClerk, "HN01");
        var parser = new HtmlParser();

        var list = parser.ParseDocument(await vietnamese.GetStringAsync("/orders/orders?channel=store&store=HN01"));
        var page = parser.ParseDocument(await vietnamese.GetStringAsync($"/orders/orders/{sale.Number}"));
        var englishList = parser.ParseDocument(await english.GetStringAsync("/orders/orders?channel=store&store=HN01"));

        string PlacedCell(AngleSharp.Html.Dom.IHtmlDocument doc) =>
            doc.QuerySelectorAll("#orders tbody tr").Single(r => r.QuerySelector("a")?.TextContent == sale.Number).Children[1].TextContent.Trim();
        var placed = placedAt.ToOffset(TimeSpan.FromHours(7));
        var returned = placed.AddMinutes(50);
        Assert.NotEqual("Placed", list.QuerySelectorAll("#orders th")[1].TextContent); // the page is in Vietnamese
        Assert.Equal(placed.ToString("dd/MM/yyyy 01:05", CultureInfo.InvariantCulture), PlacedCell(list));
        Assert.Contains(page.QuerySelectorAll("dd"), dd => dd.TextContent.StartsWith(placed.ToString("dd/MM/yyyy 01:05 — ", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(returned.ToString("dd/MM/yyyy 01:55", CultureInfo.InvariantCulture), page.QuerySelector("#returns tbody tr")!.Children[1].TextContent);
        var timeline = page.QuerySelectorAll("#timeline time").Select(t => t.TextContent).ToList();
        Assert.Equal(placed.ToString("dd/MM/yyyy 01:05", CultureInfo.InvariantCulture), timeline[0]);
        Assert.All(timeline, t => Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$", t));
        Assert.Equal(placed.ToString("yyyy-MM-dd 01:05", CultureInfo.InvariantCulture), PlacedCell(englishList));
    }

    [SkippableTheory, Databases]
    public async Task The_Vietnamese_order_page_gives_each_sourcing_reason_in_Vietnamese_and_an_unknown_stored_one_as_it_is(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(3);
        foreach (var loc in new[] { "WH01", "HN01", "HCM01", "DN01" })
        {
            await app.SetAvailableAsync(skus[0], loc, loc is "HN01" or "HCM01" or "DN01" ? 4 : 0);
            await app.SetAvailableAsync(skus[1], loc, loc == "HCM01" ? 4 : 1);
            await app.SetAvailableAsync(skus[2], loc, 5);
        }
        var pos = await app.SendAsync(OrdersTestApp.Pos("vi-why-pos", "HN01", null, (skus[2], 1)));
        var pickup = await app.SendAsync(OrdersTestApp.Pickup("vi-why-pickup", "HN01", (skus[2], 1)));
        var warehouse = await app.SendAsync(OrdersTestApp.Web("vi-why-wh", (skus[2], 1)));
        var store = await app.SendAsync(OrdersTestApp.Web("vi-why-store", (skus[0], 2), (skus[1], 2)));
        var old = await app.SendAsync(OrdersTestApp.Web("vi-why-old", (skus[2], 1)));
        await app.ScalarAsync<long>("UPDATE orders.orders SET sourcing_reason = 'Picked by hand.' WHERE number = @Number RETURNING id", new { old.Number });
        var client = await app.SignedInAsync(Roles.Admin);
        await TestApp.PostFormAsync(client, "/", "/account/language", new Dictionary<string, string> { ["culture"] = "vi-VN", ["returnUrl"] = "/" });
        var parser = new HtmlParser();
        async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string number) => parser.ParseDocument(await client.GetStringAsync($"/orders/orders/{number}"));

        var posPage = await PageAsync(pos.Number);
        Assert.Equal("Bán tại quầy ở cửa hàng HN01.", posPage.QuerySelector("#sourcing")!.TextContent);
        Assert.Contains(posPage.QuerySelectorAll("#timeline .muted"), n => n.TextContent == "Đã thanh toán bằng Tiền mặt tại quầy.");
        Assert.Equal("Nhận tại cửa hàng: khách chọn cửa hàng HN01.", (await PageAsync(pickup.Number)).QuerySelector("#sourcing")!.TextContent);
        Assert.Equal("Giao hàng: kho WH01 có đủ mọi dòng hàng (ưu tiên kho).", (await PageAsync(warehouse.Number)).QuerySelector("#sourcing")!.TextContent);
        Assert.Equal($"Giao hàng: kho WH01 thiếu {skus[0]}, {skus[1]}; cửa hàng HCM01 có đủ mọi dòng hàng.", (await PageAsync(store.Number)).QuerySelector("#sourcing")!.TextContent);
        Assert.Equal("Picked by hand.", (await PageAsync(old.Number)).QuerySelector("#sourcing")!.TextContent);
        // The summary is a label/value list the host's stylesheet lays out (a class it styles, one value per label).
        var summary = posPage.QuerySelector("div.card > dl.summary")!;
        Assert.Equal(summary.QuerySelectorAll("dt").Length, summary.QuerySelectorAll("dd").Length);
        Assert.Contains("dl.summary {", await client.GetStringAsync("/css/site.css"));
    }

    [Fact]
    public void Stored_sentences_read_in_English_as_stored_and_in_Vietnamese_with_their_values()
    {
        var localizer = new OmniErp.Kernel.Localization.TextLocalizer(OmniErp.Orders.OrdersTexts.Vietnamese);
        const string stored = "Delivery: warehouse WH01 is short of SKU-1, SKU-2; store DN01 has every line. 150 loyalty points redeemed.";
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal(stored, OmniErp.Orders.Orders.StoredSentences.Show(stored, localizer));
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
            Assert.Equal("Giao hàng: kho WH01 thiếu SKU-1, SKU-2; cửa hàng DN01 có đủ mọi dòng hàng. Đã dùng 150 điểm thưởng.",
                OmniErp.Orders.Orders.StoredSentences.Show(stored, localizer));
            Assert.Equal("", OmniErp.Orders.Orders.StoredSentences.Show(null, localizer));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
