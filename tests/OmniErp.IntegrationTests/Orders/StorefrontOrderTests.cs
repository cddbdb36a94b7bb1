using System.Net;
using System.Text.Json;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Pricing.Contracts;
using static OmniErp.IntegrationTests.Orders.StorefrontClient;

namespace OmniErp.IntegrationTests.Orders;

/// <summary>placeOrder, order(number:) and me.orders over real HTTP, as a web shopper sees them.</summary>
public sealed class StorefrontOrderTests
{
    [SkippableTheory, Databases]
    public async Task A_signed_in_shopper_places_a_web_order_priced_by_the_engine_and_a_retry_returns_the_same_order(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(2);
        await app.SetAvailableAsync(skus[0], "WH01", 10);
        await app.SetAvailableAsync(skus[1], "WH01", 10);
        var client = app.CreateClient();
        var (customerId, token) = await RegisterAsync(client, "Trần Minh Anh", "0355 000 101");
        var quote = await app.SendAsync(new GetQuote("web", [new(skus[0], 2), new(skus[1], 1)], customerId));

        var (status, body) = await PostAsync(client, PlaceOrderMutation, Input("web-1", [(skus[0], 2), (skus[1], 1)]), token);
        var (_, again) = await PostAsync(client, PlaceOrderMutation, Input("web-1", [(skus[0], 2), (skus[1], 1)]), token);
        var (_, reused) = await PostAsync(client, PlaceOrderMutation, Input("web-1", [(skus[0], 3)]), token);

        Assert.Equal(HttpStatusCode.OK, status);
        var order = body.Data("placeOrder", "order");
        Assert.False(body.Data("placeOrder", "repeated").GetBoolean());
        Assert.Equal(("web", "placed", "unpaid", "delivery"), (order.GetProperty("channel").GetString(), order.GetProperty("status").GetString(),
            order.GetProperty("paymentStatus").GetString(), order.GetProperty("fulfilment").GetString()));
        Assert.Equal(quote.Total, order.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(2, order.GetProperty("lines").GetArrayLength());
        Assert.Equal("place", order.GetProperty("timeline")[0].GetProperty("action").GetString());
        Assert.True(again.Data("placeOrder", "repeated").GetBoolean());
        Assert.Equal(order.GetProperty("number").GetString(), again.Data("placeOrder", "order", "number").GetString());
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", reused.ErrorCode());
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE customer_id = @customerId", new { customerId }));
        Assert.Equal(2, (await app.LevelAsync(skus[0], "WH01")).Reserved);
    }

    [SkippableTheory, Databases]
    public async Task Click_and_collect_goes_to_the_chosen_store_and_lines_it_cannot_serve_are_named_with_the_reason(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var skus = await app.SkusAsync(2);
        await app.SetAvailableAsync(skus[0], "HN01", 5);
        await app.SetAvailableAsync(skus[1], "HN01", 1);
        var client = app.CreateClient();
        var (_, token) = await RegisterAsync(client, "Lê Thu Hà", "0355 000 102");
        var orders = await app.CountAsync("SELECT COUNT(*) FROM orders.orders");

        var (refusedStatus, refused) = await PostAsync(client, PlaceOrderMutation, Input("pick-1", [(skus[0], 1), (skus[1], 3)], address: null, pickupStore: "HN01"), token);
        var (_, unknown) = await PostAsync(client, PlaceOrderMutation, Input("pick-2", [("NO-SUCH-SKU", 1)], address: null, pickupStore: "HN01"), token);
        var (_, placed) = await PostAsync(client, PlaceOrderMutation, Input("pick-3", [(skus[0], 2)], address: null, pickupStore: "HN01"), token);

        Assert.Equal(HttpStatusCode.OK, refusedStatus);
        Assert.Equal("ORDER_REFUSED", refused.ErrorCode());
        var line = refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("lines")[0];
        Assert.Equal((skus[1], "OUT_OF_STOCK", 1), (line.GetProperty("sku").GetString(), line.GetProperty("code").GetString(), line.GetProperty("available").GetInt32()));
        Assert.Contains(skus[1], refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("ORDER_REFUSED", unknown.ErrorCode());
        Assert.Contains("NO-SUCH-SKU", unknown.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("HN01", placed.Data("placeOrder", "order", "pickupStore").GetString());
        Assert.Equal(orders + 1, await app.CountAsync("SELECT COUNT(*) FROM orders.orders"));
    }

    [SkippableTheory, Databases]
    public async Task Bad_input_gets_a_coded_error_never_a_server_error(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        var client = app.CreateClient();
        var (_, token) = await RegisterAsync(client, "Phạm Quốc Bảo", "0355 000 103");

        var cases = new[]
        {
            Input("bad-1", [(sku, 1)], address: null, pickupStore: null),                 // neither address nor store
            Input("bad-2", [(sku, 1)], address: "1 Hàng Bông", pickupStore: "HN01"),      // both
            Input("bad-3", [(sku, 0)]),                                                   // zero quantity
            Input("bad-4", []),                                                           // no lines
            Input("", [(sku, 1)]),                                                        // no key
            Input("bad-5", [(sku, 1)], address: null, pickupStore: "NOWHERE"),            // unknown store
            Input("bad-6", [(sku, 1)], redeemPoints: -5),                                 // negative points
        };
        foreach (var input in cases)
        {
            var (status, body) = await PostAsync(client, PlaceOrderMutation, input, token);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.NotNull(body.ErrorCode());
            Assert.NotEqual("INTERNAL_SERVER_ERROR", body.ErrorCode());
        }
        var (wrongType, typed) = await PostAsync(client, PlaceOrderMutation, new { input = new { lines = "x", idempotencyKey = 1 } }, token);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType);
        Assert.True(typed.TryGetProperty("errors", out _));
        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE placed_by LIKE 'customer:%'"));
    }

    [SkippableTheory, Databases]
    public async Task Only_the_owner_reads_an_order_and_nobody_places_one_without_a_token(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 10);
        var client = app.CreateClient();
        var (_, owner) = await RegisterAsync(client, "Đỗ Mai Linh", "0355 000 104");
        var (_, other) = await RegisterAsync(client, "Vũ Hoàng Nam", "0355 000 105");
        var (_, placed) = await PostAsync(client, PlaceOrderMutation, Input("own-1", [(sku, 1)]), owner);
        var number = placed.Data("placeOrder", "order", "number").GetString()!;
        const string Read = "query($n: String!) { order(number: $n) { number total { amount } lines { sku } } }";

        var (_, mine) = await PostAsync(client, Read, new { n = number }, owner);
        var (_, theirs) = await PostAsync(client, Read, new { n = number }, other);
        var (_, anonymous) = await PostAsync(client, Read, new { n = number });
        var (_, missing) = await PostAsync(client, Read, new { n = "WEB-000000-NOPE" }, owner);
        var (_, anonymousPlace) = await PostAsync(client, PlaceOrderMutation, Input("anon-1", [(sku, 1)]));

        Assert.Equal(number, mine.Data("order", "number").GetString());
        Assert.Equal(JsonValueKind.Null, theirs.Data("order").ValueKind);
        Assert.Equal("NOT_FOUND", theirs.ErrorCode());
        Assert.DoesNotContain("lines", theirs.GetRawText());
        Assert.Equal("UNAUTHENTICATED", anonymous.ErrorCode());
        Assert.Equal("NOT_FOUND", missing.ErrorCode());
        Assert.Equal("UNAUTHENTICATED", anonymousPlace.ErrorCode());
        Assert.Equal(1, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE placed_by LIKE 'customer:%'"));
    }

    [SkippableTheory, Databases]
    public async Task Me_order_history_pages_the_customers_own_orders_newest_first(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 20);
        var client = app.CreateClient();
        var (_, token) = await RegisterAsync(client, "Ngô Thanh Tâm", "0355 000 106");
        var (_, other) = await RegisterAsync(client, "Bùi Văn Hùng", "0355 000 107");
        await PostAsync(client, PlaceOrderMutation, Input("other-1", [(sku, 1)]), other);
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, placed) = await PostAsync(client, PlaceOrderMutation, Input($"hist-{i}", [(sku, 1)]), token);
            numbers.Add(placed.Data("placeOrder", "order", "number").GetString()!);
        }
        const string History = "query($after: String) { me { profile { name } orders(first: 2, after: $after) { totalCount hasNextPage endCursor nodes { number lines { sku } } } } }";

        var (_, first) = await PostAsync(client, History, new { after = (string?)null }, token);
        var page1 = first.Data("me", "orders");
        var (_, second) = await PostAsync(client, History, new { after = page1.GetProperty("endCursor").GetString() }, token);
        var page2 = second.Data("me", "orders");
        var (_, anonymous) = await PostAsync(client, History, new { after = (string?)null });
        var (_, badCursor) = await PostAsync(client, History, new { after = "not-a-cursor" }, token);

        Assert.Equal(3, page1.GetProperty("totalCount").GetInt32());
        Assert.True(page1.GetProperty("hasNextPage").GetBoolean());
        Assert.False(page2.GetProperty("hasNextPage").GetBoolean());
        var seen = page1.GetProperty("nodes").EnumerateArray().Concat(page2.GetProperty("nodes").EnumerateArray()).Select(n => n.GetProperty("number").GetString()!).ToList();
        Assert.Equal(Enumerable.Reverse(numbers).ToList(), seen);
        Assert.Equal("UNAUTHENTICATED", anonymous.ErrorCode());
        Assert.Equal("BAD_USER_INPUT", badCursor.ErrorCode());
    }
}
