using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OmniErp.GraphQL.Tests;

/// <summary>A real Kestrel server on a loopback port serving the sample schema.</summary>
public sealed class GraphQLServer : IAsyncLifetime
{
    private WebApplication? _app;
    public string Url { get; private set; } = "";
    public HttpClient Client { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGraphQL("/graphql", SampleSchema.Build(), o =>
        {
            o.EnableGraphiQL = true;
            o.ExecutionTimeout = TimeSpan.FromSeconds(1);
            o.OnRequest = (http, req) =>
            {
                var key = http.Request.Headers["X-Channel-Key"].ToString();
                if (key.Length > 0)
                {
                    if (key != "web-key") req.Reject(401, "Unknown channel key.");
                    else req.Items["channel"] = "web";
                }
                return ValueTask.CompletedTask;
            };
        });
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/graphql";
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

public class HttpTests(GraphQLServer server) : IClassFixture<GraphQLServer>
{
    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement? Body, HttpResponseMessage Response)> Post(string json, string? accept = "application/graphql-response+json", string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, server.Url) { Content = new StringContent(json, Encoding.UTF8) };
        req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null) req.Headers.TryAddWithoutValidation("Accept", accept);
        configure?.Invoke(req);
        var res = await server.Client.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        JsonElement? body = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement : null;
        return (res.StatusCode, res.Content.Headers.ContentType?.MediaType, body, res);
    }

    [Fact]
    public async Task Post_query_returns_graphql_response_json()
    {
        var (status, mediaType, body, res) = await Post("""{"query":"{ hello }"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/graphql-response+json", mediaType);
        Assert.Equal("utf-8", res.Content.Headers.ContentType!.CharSet);
        Assert.Equal("""{"data":{"hello":"world"}}""", body!.Value.GetRawText());
    }

    [Fact]
    public async Task Legacy_json_accept_gets_200_for_validation_errors()
    {
        var (status, mediaType, body, _) = await Post("""{"query":"{ nope }"}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
        Assert.False(body!.Value.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Validation_error_is_400_without_data()
    {
        var (status, _, body, _) = await Post("""{"query":"{ nope }"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body!.Value.TryGetProperty("data", out _));
        var error = body.Value.GetProperty("errors")[0];
        Assert.StartsWith("Cannot query field \"nope\" on type \"Query\".", error.GetProperty("message").GetString());
        Assert.Equal(3, error.GetProperty("locations")[0].GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task Syntax_error_names_line_and_column()
    {
        var (status, _, body, _) = await Post("""{"query":"{\n  hello\n  ?"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body!.Value.GetProperty("errors")[0];
        Assert.Equal("Syntax Error: Unexpected character: \"?\".", error.GetProperty("message").GetString());
        Assert.Equal(3, error.GetProperty("locations")[0].GetProperty("line").GetInt32());
        Assert.Equal(3, error.GetProperty("locations")[0].GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task Get_query_works_and_get_mutation_is_405_with_allow_post()
    {
        var ok = await server.Client.GetAsync(server.Url + "?query=" + Uri.EscapeDataString("{ hello }"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var res = await server.Client.GetAsync(server.Url + "?query=" + Uri.EscapeDataString("mutation { addBook(input: {title: \"x\", authorId: \"a1\", price: 1}) { id } }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, res.StatusCode);
        Assert.Contains("POST", res.Content.Headers.Allow);
    }

    [Fact]
    public async Task Missing_or_wrong_content_type_is_4xx_and_bad_json_is_400()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Post("""{"query":"{ hello }"}""", contentType: "text/plain")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("""{"query":""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("""{"query":1}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("""{"query":"{ hello }","variables":"x"}""")).Status);
    }

    [Fact]
    public async Task Channel_key_hook_fills_items_or_rejects_with_401()
    {
        var (status, _, body, _) = await Post("""{"query":"{ channel }"}""", configure: r => r.Headers.Add("X-Channel-Key", "web-key"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("web", body!.Value.GetProperty("data").GetProperty("channel").GetString());
        var rejected = await Post("""{"query":"{ channel }"}""", configure: r => r.Headers.Add("X-Channel-Key", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
        Assert.False(rejected.Body!.Value.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Resolver_exceptions_are_hidden_and_graphql_exceptions_carry_codes()
    {
        var (_, _, body, _) = await Post("""{"query":"{ a: fail b: fail(code: \"NOPE\") }"}""");
        var errors = body!.Value.GetProperty("errors").EnumerateArray().ToList();
        var hidden = errors.Single(e => e.GetProperty("path")[0].GetString() == "a");
        Assert.Equal("Unexpected error.", hidden.GetProperty("message").GetString());
        Assert.DoesNotContain("secret", body.Value.GetRawText());
        var coded = errors.Single(e => e.GetProperty("path")[0].GetString() == "b");
        Assert.Equal("NOPE", coded.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Execution_timeout_cancels_resolvers()
    {
        var (status, _, body, _) = await Post("""{"query":"{ slow }"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("TIMEOUT", body!.Value.GetRawText());
    }

    [Fact]
    public async Task GraphiQL_page_is_served_offline_for_html_requests()
    {
        var req = new HttpRequestMessage(HttpMethod.Get, server.Url);
        req.Headers.Accept.ParseAdd("text/html");
        var res = await server.Client.SendAsync(req);
        var html = await res.Content.ReadAsStringAsync();
        if (res.StatusCode == HttpStatusCode.ServiceUnavailable)
            Assert.Contains("npm ci", html); // assets not bundled in this build (no npm)
        else
        {
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            Assert.Contains("/graphql/graphiql/graphiql.min.js", html);
            Assert.DoesNotContain("://unpkg", html);
            var js = await server.Client.GetAsync(server.Url + "/graphiql/graphiql.min.js");
            Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        }
    }

    [Fact]
    public async Task Passes_every_graphql_http_MUST_audit()
    {
        var (code, output) = NodeTools.Node($"audit.mjs {server.Url}", TimeSpan.FromMinutes(2));
        var results = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(results.Count > 40, "audit produced too few results:\n" + output);
        var errors = results.Where(r => r.GetProperty("status").GetString() == "error").Select(r => r.GetRawText()).ToList();
        Assert.True(code == 0 && errors.Count == 0, "MUST audits failed:\n" + string.Join("\n", errors) + "\n" + output);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "omnierp-graphql-audit.jsonl"), output);
    }
}
