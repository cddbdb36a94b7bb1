using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.GraphQL;
using OmniErp.Inventory.Storefront;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Storefront;

namespace OmniErp.IntegrationTests.Inventory;

public sealed record StubVariant(string Sku);

public sealed record StubProduct(string Code, IReadOnlyList<StubVariant> Variants);

public sealed class StockGraphTests
{
    private static async Task<JsonElement> PostAsync(HttpClient client, string query, string? channelKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (channelKey is not null) request.Headers.Add("X-Channel-Key", channelKey);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [SkippableTheory, Databases]
    public async Task Stores_near_a_point_come_nearest_first_with_distance_hours_stock_and_pickup(Db db)
    {
        var clock = new ManualClock(InventoryTestApp.T0); // Friday 10:00 in Vietnam
        await using var app = await InventoryTestApp.StartAsync(db, clock);
        await app.AddDemoChannelsAsync();
        await app.ReceiveAsync("HCM01", "SON-MOI-1", 6);

        // From Nhà thờ Đức Bà, TP. Hồ Chí Minh.
        var body = await PostAsync(app.CreateClient(),
            """{ stores(near: {latitude: 10.7798, longitude: 106.6990}, skus: ["SON-MOI-1"], first: 2) { code distanceKm openingHours hoursToday openNow pickupToday stock { sku available } } }""");

        var stores = body.GetProperty("data").GetProperty("stores").EnumerateArray().ToList();
        Assert.Equal(["HCM01", "DN01"], stores.Select(s => s.GetProperty("code").GetString()));
        Assert.InRange(stores[0].GetProperty("distanceKm").GetDouble(), 0.1, 2);
        Assert.Equal("08:00-22:00", stores[0].GetProperty("hoursToday").GetString());
        Assert.True(stores[0].GetProperty("pickupToday").GetBoolean());
        Assert.False(stores[1].GetProperty("pickupToday").GetBoolean());
        Assert.Equal(6, stores[0].GetProperty("stock")[0].GetProperty("available").GetInt32());
    }

    [SkippableTheory, Databases]
    public async Task Availability_on_variants_and_products_is_the_callers_channel_view_loaded_in_one_batch(Db db)
    {
        await using var app = await InventoryTestApp.StartAsync(db);
        await app.ReceiveAsync("WH01", "KEM-A", 60);
        await app.ReceiveAsync("WH01", "KEM-B", 3);
        await app.ReceiveAsync("HN01", "KEM-B", 4);

        // Catalog's Variant and Product as stand-ins: Inventory extends them by name and reads SKUs from the parent.
        var b = new SchemaBuilder();
        IReadOnlyList<StubProduct> products = [new("KEM", [new StubVariant("KEM-A"), new StubVariant("KEM-B")]), new("NONE", [new StubVariant("KEM-Z")])];
        b.Object("Variant", t => t.Field("sku", "String!"));
        b.Object("Product", t =>
        {
            t.Field("code", "String!");
            t.Field("variants", "[Variant!]!");
        });
        b.Query(q => q.Field("products", "[Product!]!", _ => products));
        StockGraph.Register(b, extendCatalog: true);
        var engine = new GraphQLEngine(b.Build());

        async Task<string> RunAsync(Channel channel) => await app.InScopeAsync(async sp =>
        {
            var context = new RequestContext { Services = sp };
            context.Items[StorefrontRequest.ChannelItem] = channel;
            var result = await engine.ExecuteAsync(new GraphQLRequest { Query = "{ products { code availability inStock variants { sku availability } } }" }, context);
            using var stream = new MemoryStream();
            await using (var writer = new Utf8JsonWriter(stream)) result.WriteTo(writer);
            return Encoding.UTF8.GetString(stream.ToArray());
        });

        var shopee = await RunAsync(new Channel("shopee", "Shopee", ChannelType.Marketplace));
        var web = await RunAsync(new Channel("web", "Web", ChannelType.Web));

        // shopee: WH01 only, less 2, at most 50 → KEM-A 50, KEM-B 1; web: WH01 + stores → 60 and 7.
        Assert.Contains("\"code\":\"KEM\",\"availability\":51,\"inStock\":true,\"variants\":[{\"sku\":\"KEM-A\",\"availability\":50},{\"sku\":\"KEM-B\",\"availability\":1}]", shopee);
        Assert.Contains("\"code\":\"NONE\",\"availability\":0,\"inStock\":false", shopee);
        Assert.Contains("\"code\":\"KEM\",\"availability\":67,\"inStock\":true,\"variants\":[{\"sku\":\"KEM-A\",\"availability\":60},{\"sku\":\"KEM-B\",\"availability\":7}]", web);
    }
}

public sealed class StockGraphDemoTests
{
    [SkippableTheory, Databases]
    public async Task A_storefront_sees_on_catalog_products_what_its_channel_can_reserve(Db db)
    {
        await using var app = await TestApp.StartAsync(db, settings: new Dictionary<string, string?> { ["Database:SeedDemoData"] = "true", ["Demo:Scale"] = "0.02" });
        var sku = await app.ScalarAsync<string>("SELECT sku FROM inventory.stock WHERE location = 'WH01' ORDER BY sku LIMIT 1");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = $$"""{ product(sku: "{{sku}}") { availability inStock variants { sku availability } } }""" }),
        };
        request.Headers.Add("X-Channel-Key", "demo-shopee-key");
        var response = await app.CreateClient().SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());

        var product = body.GetProperty("data").GetProperty("product");
        var variants = product.GetProperty("variants").EnumerateArray().ToList();
        var expected = await app.SendAsync(new OmniErp.Inventory.Contracts.GetChannelAvailability("shopee", variants.Select(v => v.GetProperty("sku").GetString()!).ToList()));
        Assert.Equal(expected.Select(a => a.Available), variants.Select(v => v.GetProperty("availability").GetInt32()));
        Assert.Equal(expected.Sum(a => a.Available), product.GetProperty("availability").GetInt32());
        Assert.All(expected, a => Assert.InRange(a.Available, 0, 50)); // the marketplace quota
    }
}
