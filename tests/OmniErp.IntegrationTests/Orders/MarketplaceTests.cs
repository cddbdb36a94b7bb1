using System.Net;
using System.Text;
using System.Text.Json;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Orders.Marketplace;

namespace OmniErp.IntegrationTests.Orders;

/// <summary>A small marketplace simulator: signs and sends orders like the marketplace does, and pulls the feed.</summary>
internal sealed class MarketplaceSimulator(HttpClient client, string secret, Func<DateTimeOffset> now)
{
    public async Task<(HttpStatusCode Status, JsonElement Body, string Signature, string Timestamp, byte[] Bytes)> SendOrderAsync(
        object order, string? signature = null, DateTimeOffset? at = null, string? timestamp = null, byte[]? replayBody = null)
    {
        var bytes = replayBody ?? JsonSerializer.SerializeToUtf8Bytes(order);
        timestamp ??= (at ?? now()).ToUnixTimeSeconds().ToString();
        signature ??= WebhookSignature.Compute(secret, timestamp, bytes);
        return await PostAsync(bytes, timestamp, signature);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body, string Signature, string Timestamp, byte[] Bytes)> PostAsync(byte[] bytes, string timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/marketplace/shopee/orders") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, signature, timestamp, bytes);
    }
}

public sealed class MarketplaceTests
{
    private static object Order(string id, params (string Sku, int Qty)[] lines) => new
    {
        orderId = id,
        buyer = new { name = "Nguyễn Văn Mua", phone = "0901234567" },
        shippingAddress = "1 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh",
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Qty }),
    };

    [SkippableTheory, Databases]
    public async Task A_signed_order_is_placed_once_and_replays_bad_signatures_and_stale_timestamps_write_nothing(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 20);
        var sim = new MarketplaceSimulator(app.CreateClient(), OrdersTestApp.ShopeeSecret, () => DateTimeOffset.UtcNow);
        var orders = await app.CountAsync("SELECT COUNT(*) FROM orders.orders");

        var bad = await sim.SendOrderAsync(Order("SP-1", (sku, 1)), signature: new string('0', 64));
        var stale = await sim.SendOrderAsync(Order("SP-1", (sku, 1)), at: DateTimeOffset.UtcNow.AddMinutes(-30));
        Assert.Equal((HttpStatusCode.Unauthorized, "BAD_SIGNATURE"), (bad.Status, bad.Body.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.Unauthorized, "STALE_TIMESTAMP"), (stale.Status, stale.Body.GetProperty("error").GetString()));
        Assert.Equal(orders, await app.CountAsync("SELECT COUNT(*) FROM orders.orders"));

        var accepted = await sim.SendOrderAsync(Order("SP-1", (sku, 2)));
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        var number = accepted.Body.GetProperty("orderNumber").GetString();

        var replay = await sim.PostAsync(accepted.Bytes, accepted.Timestamp, accepted.Signature);
        Assert.Equal((HttpStatusCode.Conflict, "REPLAY"), (replay.Status, replay.Body.GetProperty("error").GetString()));

        await Task.Delay(1100); // a retry is signed anew
        var retry = await sim.SendOrderAsync(Order("SP-1", (sku, 2)));
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(number, retry.Body.GetProperty("orderNumber").GetString());
        Assert.Equal(orders + 1, await app.CountAsync("SELECT COUNT(*) FROM orders.orders"));
        Assert.Equal(2, (await app.LevelAsync(sku, "WH01")).Reserved);
        Assert.Equal(("paid", "marketplace"), await app.ScalarAsync<string>("SELECT payment_status FROM orders.orders WHERE number = @number", new { number }) is var ps
            ? (ps!, (await app.ScalarAsync<string>("SELECT payment_method FROM orders.orders WHERE number = @number", new { number }))!) : default);
    }

    [SkippableTheory, Databases]
    public async Task Unknown_SKUs_and_short_lines_are_answered_with_a_rejection_listing_the_lines(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        await app.SetAvailableAsync(sku, "WH01", 3); // shopee keeps a buffer of 2: one sellable
        var sim = new MarketplaceSimulator(app.CreateClient(), OrdersTestApp.ShopeeSecret, () => DateTimeOffset.UtcNow);

        var unknown = await sim.SendOrderAsync(Order("SP-2", (sku, 1), ("KHONG-CO", 1)));
        var shortOf = await sim.SendOrderAsync(Order("SP-3", (sku, 2)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Equal("rejected", unknown.Body.GetProperty("status").GetString());
        Assert.Contains(unknown.Body.GetProperty("lines").EnumerateArray(), l => l.GetProperty("sku").GetString() == "KHONG-CO");
        var line = Assert.Single(shortOf.Body.GetProperty("lines").EnumerateArray());
        Assert.Equal((sku, "OUT_OF_STOCK", 1), (line.GetProperty("sku").GetString(), line.GetProperty("code").GetString(), line.GetProperty("available").GetInt32()));
        Assert.Equal(0, await app.CountAsync("SELECT COUNT(*) FROM orders.orders WHERE channel = 'shopee' AND external_id IN ('SP-2', 'SP-3')"));
    }

    [SkippableTheory, Databases]
    public async Task The_feed_carries_an_ETag_and_answers_304_until_something_changes(Db db)
    {
        await using var app = await OrdersTestApp.StartAsync(db);
        var sku = (await app.SkusAsync(1))[0];
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Channel-Key", "demo-shopee-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/marketplace/shopee/feed")).StatusCode);
        var first = await client.GetAsync("/api/marketplace/shopee/feed");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.Tag;
        var feed = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(feed.GetProperty("items").EnumerateArray(), i => i.GetProperty("sku").GetString() == sku);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/marketplace/shopee/feed");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        await app.SetAvailableAsync(sku, "WH01", 7);
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/api/marketplace/shopee/feed");
        changed.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
    }
}
