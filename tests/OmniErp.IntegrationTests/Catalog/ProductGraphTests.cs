using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Pricing.Contracts;

namespace OmniErp.IntegrationTests.Catalog;

/// <summary>Catalog's and Pricing's storefront GraphQL over HTTP.</summary>
public sealed class ProductGraphTests
{
    private static async Task<JsonElement> QueryAsync(HttpClient client, string query, object? variables = null, string? channelKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (channelKey is not null) request.Headers.Add("X-Channel-Key", channelKey);
        var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    private const string Page = """
        query ($after: String) {
          products(first: 24, category: "thoi-trang", after: $after) {
            edges { cursor node { code name category { code } variants { sku attributes { name value } price { amount currency } } price { amount compareAtAmount } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    [SkippableTheory, Databases]
    public async Task Products_page_by_cursor_with_prices_for_the_callers_channel(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var client = app.CreateClient();
        var first = (await QueryAsync(client, Page)).GetProperty("products");
        var edges = first.GetProperty("edges").EnumerateArray().ToList();
        Assert.NotEmpty(edges);
        var codes = edges.Select(e => e.GetProperty("node").GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        var node = edges[0].GetProperty("node");
        var variant = node.GetProperty("variants")[0];
        var sku = variant.GetProperty("sku").GetString()!;
        var prices = await app.SendAsync(new GetPrices("web", [sku]));
        Assert.Equal(prices.Single().Price, variant.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal("VND", variant.GetProperty("price").GetProperty("currency").GetString());

        if (first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
        {
            var next = (await QueryAsync(client, Page, new { after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() })).GetProperty("products");
            var nextCodes = next.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("code").GetString()!).ToList();
            Assert.True(string.CompareOrdinal(nextCodes[0], codes[^1]) > 0);
        }

        var one = (await QueryAsync(client, "query ($sku: String) { product(sku: $sku) { code variants { sku } } }", new { sku })).GetProperty("product");
        Assert.Equal(node.GetProperty("code").GetString(), one.GetProperty("code").GetString());
        var categories = (await QueryAsync(client, "{ categories { code path parentCode } }")).GetProperty("categories");
        Assert.Equal(await app.ScalarAsync<long>("SELECT COUNT(*) FROM catalog.categories"), categories.GetArrayLength());
        var filtered = (await QueryAsync(client, """{ products(first: 10, text: "ao", attributes: [{ name: "size", value: "M" }]) { nodes { variants { attributes { name value } } } } }"""))
            .GetProperty("products").GetProperty("nodes");
        Assert.All(filtered.EnumerateArray(), p => Assert.Contains(p.GetProperty("variants").EnumerateArray().SelectMany(v => v.GetProperty("attributes").EnumerateArray()),
            a => a.GetProperty("name").GetString() == "size" && a.GetProperty("value").GetString() == "M"));
    }

    [SkippableTheory, Databases]
    public async Task The_quote_query_gives_the_engines_answer_for_the_callers_channel(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var data = await QueryAsync(app.CreateClient(), "{ products(first: 3) { nodes { variants { sku } } } }", channelKey: "demo-shopee-key");
        var skus = data.GetProperty("products").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("variants")[0].GetProperty("sku").GetString()!).ToList();
        var lines = skus.Select((s, i) => new { sku = s, quantity = i + 1 }).ToArray();
        var quote = (await QueryAsync(app.CreateClient(), "query ($lines: [QuoteLineInput!]!) { quote(lines: $lines) { channel total vatTotal isComplete lines { sku lineTotal trace } vat { rate vat } } }",
            new { lines }, channelKey: "demo-shopee-key")).GetProperty("quote");
        var expected = await app.SendAsync(new GetQuote("shopee", skus.Select((s, i) => new QuoteLineRequest(s, i + 1)).ToList()));
        Assert.Equal("shopee", quote.GetProperty("channel").GetString());
        Assert.Equal(expected.Total, quote.GetProperty("total").GetDecimal());
        Assert.Equal(expected.VatTotal, quote.GetProperty("vatTotal").GetDecimal());
        Assert.NotEmpty(quote.GetProperty("lines")[0].GetProperty("trace").EnumerateArray());
    }

    [SkippableFact]
    public async Task A_storefront_page_of_2_or_24_products_with_prices_costs_at_most_3_sql_round_trips()
    {
        PostgresGuard.SkipIfUnavailable(Db.Postgres);
        await using var app = await TestApp.StartAsync(Db.Postgres, demo: true);
        var client = app.CreateClient();
        await QueryAsync(client, Page); // warm up
        var commands = 0;
        var database = app.Database.Name;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.Tags.Any(t => t.Value == database)) Interlocked.Increment(ref commands);
            },
        };
        ActivitySource.AddActivityListener(listener);
        var small = await QueryAsync(client, Page.Replace("first: 24", "first: 2"), channelKey: "demo-web-key");
        var smallCount = Volatile.Read(ref commands);
        Interlocked.Exchange(ref commands, 0);
        var page = await QueryAsync(client, Page, channelKey: "demo-web-key");
        var pageCount = Volatile.Read(ref commands);
        Assert.Equal(24, page.GetProperty("products").GetProperty("edges").GetArrayLength());
        Assert.Equal(2, small.GetProperty("products").GetProperty("edges").GetArrayLength());
        Assert.Equal(smallCount, pageCount);
        // products/variants/attributes + catalog facts + price rules; the channel (by its key) comes from the kernel's channel cache
        Assert.True(smallCount <= 3, $"{smallCount} round trips for 2 products");
        Assert.True(pageCount <= 3, $"{pageCount} round trips for 24 products");
    }
}
