using System.Net;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;

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
}
