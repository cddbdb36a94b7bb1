using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OmniErp.IntegrationTests.Orders;

/// <summary>A storefront caller over real HTTP: POST /graphql with an optional bearer token and channel key.</summary>
internal static class StorefrontClient
{
    public const string PlaceOrderMutation =
        """
        mutation($input: PlaceOrderInput!) {
          placeOrder(input: $input) {
            repeated
            order { number channel status paymentStatus fulfilment pickupStore deliveryAddress pointsRedeemed
                    total { amount currency } discountTotal { amount }
                    lines { sku quantity unitPrice { amount } lineTotal { amount } discounts { ruleCode amount } }
                    timeline { action status at } }
          }
        }
        """;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string query, object? variables = null, string? bearer = null, string? channelKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        if (channelKey is not null) request.Headers.Add("X-Channel-Key", channelKey);
        var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    /// <summary>Registers a storefront customer and returns (customer id, access token).</summary>
    public static async Task<(long Id, string Token)> RegisterAsync(HttpClient client, string name, string phone)
    {
        var (_, body) = await PostAsync(client,
            "mutation($name: String!, $phone: String) { register(input: { name: $name, phone: $phone, password: \"mat-khau-2026\" }) { customerId accessToken } }",
            new { name, phone });
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object || data.GetProperty("register").ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException("register failed: " + body);
        var payload = data.GetProperty("register");
        return (long.Parse(payload.GetProperty("customerId").GetString()!, System.Globalization.CultureInfo.InvariantCulture), payload.GetProperty("accessToken").GetString()!);
    }

    public static string? ErrorCode(this JsonElement body) =>
        body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0 && errors[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code)
            ? code.GetString() : null;

    public static JsonElement Data(this JsonElement body, params string[] path)
    {
        var e = body.GetProperty("data");
        foreach (var p in path)
            e = e.ValueKind == JsonValueKind.Object ? e.GetProperty(p) : throw new InvalidOperationException($"No {p} in: {body}");
        return e;
    }

    public static object Input(string key, (string Sku, int Qty)[] lines, string? address = "12 Lý Thái Tổ, Hoàn Kiếm, Hà Nội", string? pickupStore = null, int? redeemPoints = null) =>
        new
        {
            input = new
            {
                lines = lines.Select(l => new { sku = l.Sku, quantity = l.Qty }).ToArray(),
                deliveryAddress = address,
                pickupStore,
                idempotencyKey = key,
                redeemPoints,
            },
        };
}
