using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OmniErp.IntegrationTests.Infrastructure;

namespace OmniErp.IntegrationTests.Storefront;

public sealed class GatewayTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string query, string? channelKey = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (channelKey is not null) request.Headers.Add("X-Channel-Key", channelKey);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body, response);
    }

    [SkippableTheory, Databases]
    public async Task The_channel_comes_from_the_key_and_the_public_web_channel_serves_callers_without_one(Db db)
    {
        await using var app = await TestApp.StartAsync(db, settings: new Dictionary<string, string?> { ["Database:SeedDemoData"] = "true", ["Demo:Scale"] = "0.02" });
        var client = app.CreateClient();

        var anonymous = await PostAsync(client, "{ channel { code type } }");
        var marketplace = await PostAsync(client, "{ channel { code type } }", channelKey: "demo-shopee-key");

        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
        Assert.Equal("web", anonymous.Body.GetProperty("data").GetProperty("channel").GetProperty("code").GetString());
        Assert.Equal("MARKETPLACE", marketplace.Body.GetProperty("data").GetProperty("channel").GetProperty("type").GetString());
    }

    [SkippableTheory, Databases]
    public async Task A_wrong_channel_key_or_bearer_token_is_401_with_no_data(Db db)
    {
        await using var app = await TestApp.StartAsync(db, settings: new Dictionary<string, string?> { ["Database:SeedDemoData"] = "true", ["Demo:Scale"] = "0.02" });
        var client = app.CreateClient();

        var badKey = await PostAsync(client, "{ channel { code } }", channelKey: "not-a-key");
        var badToken = await PostAsync(client, "{ channel { code } }", bearer: "forged.token.value");

        Assert.Equal(HttpStatusCode.Unauthorized, badKey.Status);
        Assert.False(badKey.Body.TryGetProperty("data", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.Status);
        Assert.Contains("Bearer", badToken.Response.Headers.WwwAuthenticate.ToString());
    }

    [SkippableTheory, Databases]
    public async Task Syntax_errors_are_spec_shaped_with_line_and_column(Db db)
    {
        await using var app = await TestApp.StartAsync(db, settings: new Dictionary<string, string?> { ["Database:SeedDemoData"] = "true", ["Demo:Scale"] = "0.02" });

        var result = await PostAsync(app.CreateClient(), "{ channel { code }");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        var error = result.Body.GetProperty("errors")[0];
        Assert.Equal(1, error.GetProperty("locations")[0].GetProperty("line").GetInt32());
        Assert.False(result.Body.TryGetProperty("data", out _));
    }
}
