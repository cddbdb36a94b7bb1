using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OmniErp.IntegrationTests.Customers.Support;

/// <summary>The storefront GraphQL endpoint over HTTP, as a web or POS client calls it.</summary>
public static class Storefront
{
    public const string Register =
        "mutation($name: String!, $phone: String, $email: String) { register(input: { name: $name, phone: $phone, email: $email, password: \"mat-khau-2026\", marketingConsent: true }) { customerId accessToken refreshToken accessTokenExpiresAt } }";

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string query, object? variables = null, string? bearer = null, string? channelKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        if (channelKey is not null) request.Headers.Add("X-Channel-Key", channelKey);
        var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    public static async Task<(string Id, string Access, string Refresh)> RegisterAsync(HttpClient client, string name, string phone)
    {
        var (_, body) = await PostAsync(client, Register, new { name, phone });
        if (body.GetProperty("data").ValueKind != JsonValueKind.Object || body.GetProperty("data").GetProperty("register").ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException("register failed: " + body);
        var payload = body.GetProperty("data").GetProperty("register");
        return (payload.GetProperty("customerId").GetString()!, payload.GetProperty("accessToken").GetString()!, payload.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>The data of a response that must have no errors.</summary>
    public static JsonElement Data(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? throw new InvalidOperationException("GraphQL errors: " + errors) : body.GetProperty("data");

    public static string? ErrorCode(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0 && errors[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code)
            ? code.GetString() : null;
}
