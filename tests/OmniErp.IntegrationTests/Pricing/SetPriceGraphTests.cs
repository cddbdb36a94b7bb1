using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Prices;

namespace OmniErp.IntegrationTests.Pricing;

/// <summary>The GraphQL <c>setPrice</c> mutation over real HTTP: staff only, and parity holds through it.</summary>
public sealed class SetPriceGraphTests
{
    private const string Mutation = "mutation($input: SetPriceInput!) { setPrice(input: $input) { sku channel oldPrice newPrice changed } }";

    private static async Task<JsonElement> PostAsync(HttpClient client, object input, string? channelKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Mutation, variables = new { input } }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (channelKey is not null) request.Headers.Add("X-Channel-Key", channelKey);
        var response = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Error(JsonElement body) => body.GetProperty("errors")[0];

    private static string Code(JsonElement body) => Error(body).GetProperty("extensions").GetProperty("code").GetString()!;

    private static async Task<string> PlainSkuAsync(TestApp app) =>
        (await app.QueryAsync<string>(
            $"SELECT b.sku FROM pricing.base_prices b WHERE b.key_item = {(app.Kind == Db.Postgres ? "false" : "0")} " +
            "AND NOT EXISTS (SELECT 1 FROM pricing.channel_prices c WHERE c.sku = b.sku) ORDER BY b.sku LIMIT 2")).Last();

    private static Task<decimal> BaseAsync(TestApp app, string sku) => app.ScalarAsync<decimal>("SELECT price FROM pricing.base_prices WHERE sku = @sku", new { sku });

    [SkippableTheory, Databases]
    public async Task Only_signed_in_merchandising_staff_may_set_a_price_through_graphql(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var sku = await PlainSkuAsync(app);
        var basePrice = await BaseAsync(app, sku);
        var input = new { sku, price = basePrice + 1000 };

        Assert.Equal("UNAUTHENTICATED", Code(await PostAsync(app.CreateClient(), input)));
        Assert.Equal("UNAUTHENTICATED", Code(await PostAsync(app.CreateClient(), input, channelKey: "demo-shopee-key")));
        Assert.Equal("FORBIDDEN", Code(await PostAsync(await app.SignedInAsync(Roles.StoreClerk), input)));
        Assert.Equal(basePrice, await BaseAsync(app, sku));

        var done = await PostAsync(await app.SignedInAsync(Roles.Merchandiser), input);
        var result = done.GetProperty("data").GetProperty("setPrice");
        Assert.True(result.GetProperty("changed").GetBoolean());
        Assert.Equal(basePrice + 1000, result.GetProperty("newPrice").GetDecimal());
        Assert.Equal(basePrice + 1000, await BaseAsync(app, sku));
        var history = await app.SendAsync(new GetPriceHistory(sku));
        Assert.Equal(("Base", "graphql"), (history[0].Kind, history[0].Source));
        Assert.StartsWith("graphql:", history[0].ChangedBy);
    }

    [SkippableTheory, Databases]
    public async Task Parity_cannot_be_broken_through_graphql_and_the_refusal_names_the_rule(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var sku = await PlainSkuAsync(app);
        await app.SendAsync(new SetKeyItem(sku, true, "test", "test"));
        var basePrice = await BaseAsync(app, sku);
        var other = (await app.QueryAsync<string>("SELECT sku FROM pricing.channel_prices WHERE channel = 'shopee' ORDER BY sku LIMIT 1")).Single();
        var otherBase = await BaseAsync(app, other);
        var client = await app.SignedInAsync(Roles.Merchandiser);
        var changes = await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes");

        var key = await PostAsync(client, new { sku, channel = "shopee", price = basePrice + 1000 });
        Assert.Equal("BAD_USER_INPUT", Code(key));
        Assert.Equal(ParityRules.KeyItemParity, Error(key).GetProperty("extensions").GetProperty("rule").GetString());
        Assert.Contains("KEY_ITEM_PARITY", Error(key).GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, key.GetProperty("data").ValueKind);

        var web = await PostAsync(client, new { sku = other, channel = "web", price = otherBase - 100 });
        Assert.Contains("CHANNEL_DEVIATION", Error(web).GetProperty("message").GetString());
        // Halving the base price would leave the Shopee override far above its +5 % band.
        var cut = await PostAsync(client, new { sku = other, price = otherBase / 2 - otherBase / 2 % 100 });
        Assert.Equal(ParityRules.ChannelDeviation, Error(cut).GetProperty("extensions").GetProperty("rule").GetString());

        Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.channel_prices WHERE sku = @sku", new { sku }));
        Assert.Equal(otherBase, await BaseAsync(app, other));
        Assert.Equal(changes, await app.ScalarAsync<long>("SELECT COUNT(*) FROM pricing.price_changes"));
    }

    [SkippableTheory, Databases]
    public async Task Bad_input_through_graphql_is_a_clear_error_never_a_server_error(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var sku = await PlainSkuAsync(app);
        var client = await app.SignedInAsync(Roles.Merchandiser);

        var negative = await PostAsync(client, new { sku, price = -5 });
        Assert.Equal("BAD_USER_INPUT", Code(negative));
        Assert.Contains("negative", Error(negative).GetProperty("message").GetString());
        Assert.Equal("NOT_FOUND", Code(await PostAsync(client, new { sku = "NO-SUCH-SKU", price = 1000 })));
        Assert.Equal("BAD_USER_INPUT", Code(await PostAsync(client, new { sku, price = 1234 }))); // VND prices go in steps of 100
        Assert.Contains("does not exist", Error(await PostAsync(client, new { sku, channel = "tiktok", price = 1000 })).GetProperty("message").GetString());
    }
}
