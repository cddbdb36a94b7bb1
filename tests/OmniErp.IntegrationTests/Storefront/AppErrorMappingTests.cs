using System.Net.Http.Json;
using System.Text.Json;
using OmniErp.GraphQL;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.IntegrationTests.Storefront;

/// <summary>Every module's refusal reaches GraphQL through the one AppException mapping the host installs.</summary>
public sealed class AppErrorMappingTests
{
    [Fact]
    public void A_validation_refusal_is_bad_user_input_naming_its_rule_and_fields_in_camel_case()
    {
        var error = GraphQLErrors.From(AppException.Invalid("RedeemPoints", "Redeem fewer.", "POINTS_EXCEED_ORDER"));

        Assert.Equal("BAD_USER_INPUT", error.Code);
        Assert.Equal("redeemPoints: Redeem fewer.", error.Message);
        Assert.Equal("POINTS_EXCEED_ORDER", error.Extensions!["rule"]);
        Assert.Equal(["redeemPoints"], (IEnumerable<string>)error.Extensions["fields"]!);
    }

    [Fact]
    public void A_validator_failure_has_fields_but_no_rule_and_other_kinds_keep_their_codes()
    {
        var validator = GraphQLErrors.From(AppException.Invalid([new Error("NotEmptyValidator", "'Name' must not be empty.", "Name"), new Error("INVALID", "Too short.", "Phone")]));
        var missing = GraphQLErrors.From(AppException.NotFound("SKU", "X-1"));
        var conflict = GraphQLErrors.From(AppException.Conflict("IDEMPOTENCY_KEY_REUSED", "Used before."));
        var forbidden = GraphQLErrors.From(AppException.Forbidden("Not yours."));

        Assert.Equal(("BAD_USER_INPUT", "name: 'Name' must not be empty. phone: Too short."), (validator.Code, validator.Message));
        Assert.False(validator.Extensions!.ContainsKey("rule"));
        Assert.Equal(["name", "phone"], (IEnumerable<string>)validator.Extensions["fields"]!);
        Assert.Equal(("NOT_FOUND", "SKU 'X-1' was not found.", null), (missing.Code, missing.Message, missing.Extensions));
        Assert.Equal(("IDEMPOTENCY_KEY_REUSED", "Used before."), (conflict.Code, conflict.Message));
        Assert.Equal("FORBIDDEN", forbidden.Code);
        Assert.Null(GraphQLErrors.Translate(new InvalidOperationException("a bug")));
    }

    [SkippableTheory, Databases]
    public async Task Refusals_from_customers_pricing_and_orders_come_out_in_one_shape(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: true);
        var anonymous = app.CreateClient();
        var staff = await app.SignedInAsync(Roles.Merchandiser);
        var sku = (await app.QueryAsync<string>("SELECT sku FROM pricing.base_prices ORDER BY sku LIMIT 1")).Single();

        var register = Error(await PostAsync(anonymous,
            "mutation { register(input: { name: \"Ai đó\", phone: \"12345\", password: \"mat-khau-2026\" }) { customerId } }"));
        var step = Error(await PostAsync(staff, "mutation($sku: String!) { setPrice(input: { sku: $sku, price: 1234 }) { changed } }", new { sku }));
        var unknown = Error(await PostAsync(staff, "mutation { setPrice(input: { sku: \"NO-SUCH-SKU\", price: 1000 }) { changed } }"));
        const string Mai = "mutation { register(input: { name: \"Mai\", phone: \"0920 000 311\", password: \"mat-khau-2026\" }) { customerId } }";
        await PostAsync(anonymous, Mai);
        var again = Error(await PostAsync(anonymous, Mai));

        Assert.Equal("BAD_USER_INPUT", Code(register));
        Assert.Contains("phone", register.GetProperty("extensions").GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.StartsWith("phone: ", register.GetProperty("message").GetString());
        Assert.Equal("BAD_USER_INPUT", Code(step));
        Assert.Equal("PRICE_STEP", step.GetProperty("extensions").GetProperty("rule").GetString());
        Assert.StartsWith("price: Prices in VND go in steps of 100", step.GetProperty("message").GetString());
        Assert.Equal("NOT_FOUND", Code(unknown));
        Assert.Equal(("ALREADY_REGISTERED", "An account with this phone or email exists; sign in instead."), (Code(again), again.GetProperty("message").GetString()));
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Error(JsonElement body) => body.GetProperty("errors")[0];

    private static string? Code(JsonElement error) => error.GetProperty("extensions").GetProperty("code").GetString();
}
