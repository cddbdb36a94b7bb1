using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OmniErp.Customers.Carts;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;

namespace OmniErp.IntegrationTests.Customers;

/// <summary>The storefront's customer API over HTTP: sign-up, sign-in, refresh, and a customer who only ever sees themselves.</summary>
public sealed class GraphQLTests
{

    private const string Register =
        "mutation($name: String!, $phone: String, $email: String) { register(input: { name: $name, phone: $phone, email: $email, password: \"mat-khau-2026\", marketingConsent: true }) { customerId accessToken refreshToken accessTokenExpiresAt } }";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string query, object? variables = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static async Task<(string Id, string Access, string Refresh)> RegisterAsync(HttpClient client, string name, string phone)
    {
        var (_, body) = await PostAsync(client, Register, new { name, phone });
        if (body.GetProperty("data").ValueKind != JsonValueKind.Object || body.GetProperty("data").GetProperty("register").ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException("register failed: " + body);
        var payload = body.GetProperty("data").GetProperty("register");
        return (payload.GetProperty("customerId").GetString()!, payload.GetProperty("accessToken").GetString()!, payload.GetProperty("refreshToken").GetString()!);
    }

    private static string? ErrorCode(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0 && errors[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code)
            ? code.GetString() : null;

    [SkippableTheory, Databases]
    public async Task A_customer_registers_signs_in_with_any_phone_format_and_reads_their_own_profile_points_cart_and_wishlist(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var client = host.App.CreateClient();
        var (id, _, _) = await RegisterAsync(client, "Võ Thị Mai", "0920 000 111");
        await host.PublishAsync(Shop.Paid(long.Parse(id), 1_200_000m, host.Clock.GetUtcNow(), "store"));

        var (_, signedIn) = await PostAsync(client, "mutation { signIn(login: \"+84 920 000 111\", password: \"mat-khau-2026\") { customerId accessToken } }");
        var token = signedIn.GetProperty("data").GetProperty("signIn").GetProperty("accessToken").GetString()!;
        var (shirt, dress) = (await host.SkusAsync(2)) is [var a, var b] ? (a, b) : default;
        await PostAsync(client, $"mutation {{ addToCart(sku: \"{shirt}\", quantity: 2) {{ itemCount }} }}", bearer: token);
        await PostAsync(client, $"mutation {{ addToWishlist(sku: \"{dress}\") {{ sku }} }}", bearer: token);

        var (status, me) = await PostAsync(client, "{ me { profile { id name phone } points { balance value { amount currency } ledger { kind points } } tier cart { itemCount lines { sku quantity } } wishlist { sku } } }", bearer: token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(me.TryGetProperty("errors", out _), me.ToString());
        var data = me.GetProperty("data").GetProperty("me");
        Assert.Equal(id, data.GetProperty("profile").GetProperty("id").GetString());
        Assert.Equal("+84920000111", data.GetProperty("profile").GetProperty("phone").GetString());
        Assert.Equal(120, data.GetProperty("points").GetProperty("balance").GetInt32());
        Assert.Equal(12_000m, data.GetProperty("points").GetProperty("value").GetProperty("amount").GetDecimal());
        Assert.Equal("Member", data.GetProperty("tier").GetString());
        Assert.Equal(2, data.GetProperty("cart").GetProperty("itemCount").GetInt32());
        Assert.Equal(dress, data.GetProperty("wishlist")[0].GetProperty("sku").GetString());
    }

    [SkippableTheory, Databases]
    public async Task Without_a_token_every_me_field_and_every_customer_mutation_is_refused_and_nothing_is_written(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var client = host.App.CreateClient();
        var cartLines = await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.cart_lines");
        var wishes = await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.wishlist_items");

        foreach (var field in new[] { "profile { id }", "orders { nodes { number } }", "points { balance }", "tier", "cart { itemCount }", "wishlist { sku }" })
        {
            var (_, body) = await PostAsync(client, $"{{ me {{ {field} }} }}");
            Assert.True(ErrorCode(body) == "UNAUTHENTICATED", field);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("me").ValueKind);
        }
        foreach (var mutation in new[]
                 {
                     "addToCart(sku: \"AO-001-M\") { itemCount }", "setCartLine(sku: \"AO-001-M\", quantity: 5) { itemCount }",
                     "addToWishlist(sku: \"AO-001-M\") { sku }", "removeFromWishlist(sku: \"AO-001-M\") { sku }", "signOut",
                 })
        {
            var (_, body) = await PostAsync(client, $"mutation {{ {mutation} }}");
            Assert.True(ErrorCode(body) == "UNAUTHENTICATED", mutation);
        }
        Assert.Equal(cartLines, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.cart_lines"));
        Assert.Equal(wishes, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.wishlist_items"));
    }

    [SkippableTheory, Databases]
    public async Task A_customer_can_neither_read_nor_change_another_customers_data(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var client = host.App.CreateClient();
        var alice = await RegisterAsync(client, "Alice", "0920 000 111");
        var bob = await RegisterAsync(client, "Bob", "0920 000 222");
        var jeans = (await host.SkusAsync(1))[0];
        await host.SendAsync(new AddToCart(long.Parse(bob.Id), jeans, 1, "web"));

        // Every field of `me` answers with the bearer's own data.
        var (_, aliceMe) = await PostAsync(client, "{ me { profile { id } cart { itemCount } } }", bearer: alice.Access);
        Assert.Equal(alice.Id, aliceMe.GetProperty("data").GetProperty("me").GetProperty("profile").GetProperty("id").GetString());
        Assert.Equal(0, aliceMe.GetProperty("data").GetProperty("me").GetProperty("cart").GetProperty("itemCount").GetInt32());

        // There is no argument through which to name another customer: the request is invalid.
        foreach (var attempt in new[]
                 {
                     $"{{ me(customerId: {bob.Id}) {{ profile {{ id }} }} }}",
                     $"mutation {{ addToCart(sku: \"AO-001-M\", customerId: {bob.Id}) {{ itemCount }} }}",
                     $"mutation {{ setCartLine(sku: \"{jeans}\", quantity: 0, customerId: {bob.Id}) {{ itemCount }} }}",
                     $"mutation {{ removeFromWishlist(sku: \"{jeans}\", customerId: {bob.Id}) {{ sku }} }}",
                 })
        {
            var (status, body) = await PostAsync(client, attempt, bearer: alice.Access);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.False(body.TryGetProperty("data", out _));
        }

        // Alice's mutations touch Alice's cart, not Bob's, even for the SKU in Bob's cart.
        await PostAsync(client, $"mutation {{ setCartLine(sku: \"{jeans}\", quantity: 0) {{ itemCount }} }}", bearer: alice.Access);
        var (_, bobMe) = await PostAsync(client, "{ me { profile { id } cart { lines { sku quantity } } } }", bearer: bob.Access);
        Assert.Equal(bob.Id, bobMe.GetProperty("data").GetProperty("me").GetProperty("profile").GetProperty("id").GetString());
        Assert.Equal(1, bobMe.GetProperty("data").GetProperty("me").GetProperty("cart").GetProperty("lines")[0].GetProperty("quantity").GetInt32());

        // A forged or another customer's refresh token gets nothing.
        var (forgedStatus, _) = await PostAsync(client, "{ me { profile { id } } }", bearer: alice.Access + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, forgedStatus);
    }

    [SkippableTheory, Databases]
    public async Task A_refresh_rotates_the_tokens_and_the_old_refresh_token_then_fails(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var client = host.App.CreateClient();
        var first = await RegisterAsync(client, "Mai", "0920 000 111");
        const string refresh = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }";

        var (_, rotated) = await PostAsync(client, refresh, new { t = first.Refresh });
        var next = rotated.GetProperty("data").GetProperty("refreshToken");
        Assert.NotEqual(first.Refresh, next.GetProperty("refreshToken").GetString());
        var (_, me) = await PostAsync(client, "{ me { profile { id } } }", bearer: next.GetProperty("accessToken").GetString());
        Assert.Equal(first.Id, me.GetProperty("data").GetProperty("me").GetProperty("profile").GetProperty("id").GetString());

        var (_, replay) = await PostAsync(client, refresh, new { t = first.Refresh });
        Assert.Equal("INVALID_TOKEN", ErrorCode(replay));
        var (staleStatus, _) = await PostAsync(client, "{ me { profile { id } } }", bearer: first.Access);
        Assert.Equal(HttpStatusCode.Unauthorized, staleStatus);
    }

    [SkippableTheory, Databases]
    public async Task Wrong_credentials_and_a_duplicate_sign_up_are_errors_with_codes(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var client = host.App.CreateClient();
        await RegisterAsync(client, "Mai", "0920 000 111");

        var (_, wrong) = await PostAsync(client, "mutation { signIn(login: \"0920000111\", password: \"sai-mat-khau\") { accessToken } }");
        Assert.Equal("INVALID_CREDENTIALS", ErrorCode(wrong));
        var (_, again) = await PostAsync(client, Register, new { name = "Mai khác", phone = "84920000111" });
        Assert.Equal("ALREADY_REGISTERED", ErrorCode(again));
        var (_, invalid) = await PostAsync(client, Register, new { name = "Ai đó", phone = "12345" });
        Assert.Equal("BAD_USER_INPUT", ErrorCode(invalid));
    }

    [SkippableTheory, Databases]
    public async Task Signing_out_ends_every_session_of_the_customer(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var client = host.App.CreateClient();
        var phone = await RegisterAsync(client, "Mai", "0920 000 111");
        var (_, laptop) = await PostAsync(client, "mutation { signIn(login: \"0920000111\", password: \"mat-khau-2026\") { accessToken } }");

        var (_, signedOut) = await PostAsync(client, "mutation { signOut }", bearer: phone.Access);
        Assert.True(signedOut.GetProperty("data").GetProperty("signOut").GetBoolean());
        var (status, _) = await PostAsync(client, "{ me { tier } }", bearer: laptop.GetProperty("data").GetProperty("signIn").GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
