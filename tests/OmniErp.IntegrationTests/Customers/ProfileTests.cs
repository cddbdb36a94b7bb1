using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using OmniErp.Customers.Profiles;
using OmniErp.IntegrationTests.Customers.Support;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;
using Xunit;
using static OmniErp.IntegrationTests.Customers.Support.Storefront;

namespace OmniErp.IntegrationTests.Customers;

/// <summary>Addresses and marketing consents: back-office pages, and the signed-in customer's own over GraphQL.</summary>
public sealed class ProfileTests
{
    private static readonly HtmlParser Parser = new();

    private static Dictionary<string, string> Address(string recipient, string line1, string province, string? phone = null, bool makeDefault = false, string? label = null)
    {
        var form = new Dictionary<string, string> { ["Form.Recipient"] = recipient, ["Form.Line1"] = line1, ["Form.Province"] = province, ["Form.Phone"] = phone ?? "", ["Form.Label"] = label ?? "" };
        if (makeDefault) form["Form.MakeDefault"] = "true";
        return form;
    }

    private static string FieldError(IHtmlDocument page, string field) => page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    [SkippableTheory, Databases]
    public async Task A_clerk_adds_edits_and_removes_addresses_and_picks_the_default_and_bad_input_gets_field_errors(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var lan = await host.CustomerAsync("0920000020", "Nguyễn Thị Lan");
        var other = await host.CustomerAsync("0920000021", "Trần Văn Minh");
        var clerk = await host.App.SignedInAsync(Roles.StoreClerk);
        var url = $"/customers/customers/{lan.Id}/addresses";

        var empty = await TestApp.PostFormAsync(clerk, url, url, Address("", "", ""));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = Parser.ParseDocument(await empty.Content.ReadAsStringAsync());
        Assert.NotEmpty(FieldError(errors, "Form.Recipient"));
        Assert.NotEmpty(FieldError(errors, "Form.Line1"));
        Assert.NotEmpty(FieldError(errors, "Form.Province"));
        var badPhone = Parser.ParseDocument(await (await TestApp.PostFormAsync(clerk, url, url, Address("Lan", "12 Lý Thái Tổ", "Hà Nội", phone: "12345"))).Content.ReadAsStringAsync());
        Assert.Contains("Vietnamese phone", FieldError(badPhone, "Form.Phone"));
        Assert.Equal("12 Lý Thái Tổ", badPhone.QuerySelector("#Form_Line1")!.GetAttribute("value")); // what was typed stays
        Assert.Empty(await host.SendAsync(new GetAddresses(lan.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(clerk, url, url, Address("Lan", "12 Lý Thái Tổ", "Hà Nội", "0912 345 678", label: "Nhà"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(clerk, url, url, Address("Lan (công ty)", "5 Tràng Tiền", "Hà Nội", makeDefault: true, label: "Công ty"))).StatusCode);
        var addresses = await host.SendAsync(new GetAddresses(lan.Id));
        Assert.Equal([("Công ty", true), ("Nhà", false)], addresses.Select(a => (a.Label!, a.IsDefault)));
        var (office, home) = (addresses[0].Id, addresses[1].Id);
        Assert.Equal("+84912345678", addresses[1].Phone);

        var page = Parser.ParseDocument(await clerk.GetStringAsync(url));
        Assert.Equal(2, page.QuerySelectorAll("#addresses tbody tr").Length);
        Assert.Equal("★", page.QuerySelector($"tr[data-address-id='{office}'] .default")!.TextContent.Trim());

        var edit = Parser.ParseDocument(await clerk.GetStringAsync($"{url}/{home}/edit"));
        Assert.Equal("12 Lý Thái Tổ", edit.QuerySelector("#Form_Line1")!.GetAttribute("value"));
        var badEdit = await TestApp.PostFormAsync(clerk, $"{url}/{home}/edit", $"{url}/{home}/edit", Address("Lan", "", "Hà Nội"));
        Assert.Equal(HttpStatusCode.BadRequest, badEdit.StatusCode);
        Assert.NotEmpty(FieldError(Parser.ParseDocument(await badEdit.Content.ReadAsStringAsync()), "Form.Line1"));
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(clerk, $"{url}/{home}/edit", $"{url}/{home}/edit", Address("Lan", "99 Hàng Bài", "Hà Nội", label: "Nhà"))).StatusCode);

        // Another customer's URL cannot reach this address.
        var foreign = await TestApp.PostFormAsync(clerk, url, $"/customers/customers/{other.Id}/addresses/{home}/remove", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/customers/customers/{other.Id}/addresses/{home}/edit")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(clerk, url, $"{url}/{home}/default", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(clerk, url, $"{url}/{home}/remove", new Dictionary<string, string>())).StatusCode);
        var left = Assert.Single(await host.SendAsync(new GetAddresses(lan.Id)));
        Assert.Equal((office, true), (left.Id, left.IsDefault)); // the default was removed: the one left takes over

        var profile = Parser.ParseDocument(await clerk.GetStringAsync($"/customers/customers/{lan.Id}"));
        Assert.Contains("5 Tràng Tiền", profile.QuerySelector("#profile")!.TextContent);
        var accountant = await host.App.SignedInAsync(Roles.Accountant);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.GetAsync(url)).StatusCode);
    }

    [SkippableTheory, Databases]
    public async Task A_clerk_records_consent_and_withdrawal_per_channel_with_when_where_and_by_whom(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var lan = await host.CustomerAsync("0920000022", "Nguyễn Thị Lan");
        var clerk = await host.App.SignedInAsync(Roles.StoreClerk);
        var url = $"/customers/customers/{lan.Id}/consents";
        Dictionary<string, string> Form(string channel, bool granted, string source) => new() { ["Form.Channel"] = channel, ["Form.Granted"] = granted ? "true" : "false", ["Form.Source"] = source };

        var empty = await TestApp.PostFormAsync(clerk, url, url, Form("", true, ""));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = Parser.ParseDocument(await empty.Content.ReadAsStringAsync());
        Assert.NotEmpty(FieldError(errors, "Form.Channel"));
        Assert.NotEmpty(FieldError(errors, "Form.Source"));
        var unknown = await TestApp.PostFormAsync(clerk, url, url, Form("zalo", true, "store:HN01"));
        Assert.Contains("no channel", FieldError(Parser.ParseDocument(await unknown.Content.ReadAsStringAsync()), "Form.Channel"));

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(clerk, url, url, Form("web", true, "store:HN01"))).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(clerk, url, url, Form("web", false, "phone call"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(clerk, url, url, Form("store", true, "store:HN01"))).StatusCode);

        var page = Parser.ParseDocument(await clerk.GetStringAsync(url));
        Assert.Equal("no", page.QuerySelector("#consents tr[data-channel='web'] .granted")!.TextContent.Trim());
        Assert.Equal("yes", page.QuerySelector("#consents tr[data-channel='store'] .granted")!.TextContent.Trim());
        Assert.Equal(3, page.QuerySelectorAll("#consent-history tbody tr").Length);
        var consents = await host.SendAsync(new GetConsents(lan.Id));
        var withdrawal = consents.Current.Single(c => c.Channel == "web");
        Assert.Equal(("phone call", host.Clock.GetUtcNow()), (withdrawal.Source, withdrawal.RecordedAt));
        Assert.StartsWith("storeclerk.", withdrawal.RecordedBy);
        Assert.Contains(consents.History, h => h.Channel == "web" && h.Granted && h.Source == "store:HN01" && h.RecordedAt == CustomersHost.DemoStart);
    }

    [SkippableTheory, Databases]
    public async Task A_signed_in_customer_manages_their_own_addresses_and_consents_over_GraphQL_and_never_anothers(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var client = host.App.CreateClient();
        var alice = await RegisterAsync(client, "Alice", "0920 000 023");
        var bob = await RegisterAsync(client, "Bob", "0920 000 024");
        const string add = "mutation($a: AddressInput!, $d: Boolean) { addAddress(input: $a, makeDefault: $d) { id label isDefault phone } }";
        var home = new { label = "Nhà", recipient = "Alice", phone = "0920 000 023", line1 = "12 Lý Thái Tổ", ward = "Hàng Trống", district = "Hoàn Kiếm", province = "Hà Nội" };

        var first = Data((await PostAsync(client, add, new { a = home }, bearer: alice.Access)).Body).GetProperty("addAddress");
        Assert.True(first[0].GetProperty("isDefault").GetBoolean());
        Assert.Equal("+84920000023", first[0].GetProperty("phone").GetString());
        var both = Data((await PostAsync(client, add, new { a = home with { label = "Công ty", line1 = "5 Tràng Tiền" }, d = true }, bearer: alice.Access)).Body).GetProperty("addAddress");
        Assert.Equal(["Công ty", "Nhà"], both.EnumerateArray().Select(a => a.GetProperty("label").GetString()));
        Assert.True(both[0].GetProperty("isDefault").GetBoolean());
        var aliceHome = both[1].GetProperty("id").GetString();
        var bobs = Data((await PostAsync(client, add, new { a = home with { recipient = "Bob" } }, bearer: bob.Access)).Body).GetProperty("addAddress")[0].GetProperty("id").GetString();

        // Alice names Bob's address: not found, and Bob's address is untouched.
        foreach (var attempt in new[]
                 {
                     $"mutation {{ removeAddress(id: \"{bobs}\") {{ id }} }}",
                     $"mutation {{ setDefaultAddress(id: \"{bobs}\") {{ id }} }}",
                     $"mutation {{ updateAddress(id: \"{bobs}\", input: {{ recipient: \"X\", line1: \"X\", province: \"X\" }}) {{ id }} }}",
                 })
        {
            var (status, body) = await PostAsync(client, attempt, bearer: alice.Access);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("NOT_FOUND", ErrorCode(body));
        }
        var bobMe = Data((await PostAsync(client, "{ me { addresses { id recipient line1 } } }", bearer: bob.Access)).Body).GetProperty("me").GetProperty("addresses");
        Assert.Equal(("Bob", "12 Lý Thái Tổ"), (bobMe[0].GetProperty("recipient").GetString(), bobMe[0].GetProperty("line1").GetString()));
        var (extraArgStatus, _) = await PostAsync(client, $"{{ me(customerId: {bob.Id}) {{ addresses {{ id }} }} }}", bearer: alice.Access);
        Assert.Equal(HttpStatusCode.BadRequest, extraArgStatus);

        // Her own: edit, default, remove.
        var updated = Data((await PostAsync(client, $"mutation {{ updateAddress(id: \"{aliceHome}\", input: {{ label: \"Nhà\", recipient: \"Alice\", line1: \"99 Hàng Bài\", province: \"Hà Nội\" }}, makeDefault: true) {{ id line1 isDefault }} }}",
            bearer: alice.Access)).Body).GetProperty("updateAddress");
        Assert.Equal(("99 Hàng Bài", true), (updated[0].GetProperty("line1").GetString(), updated[0].GetProperty("isDefault").GetBoolean()));
        var removed = Data((await PostAsync(client, $"mutation {{ removeAddress(id: \"{aliceHome}\") {{ label isDefault }} }}", bearer: alice.Access)).Body).GetProperty("removeAddress");
        Assert.Equal(("Công ty", true), (removed[0].GetProperty("label").GetString(), removed[0].GetProperty("isDefault").GetBoolean()));

        // Consent: withdrawn on the web (where she is), given for the store; recorded as hers, from the web account.
        Data((await PostAsync(client, "mutation { setMarketingConsent(granted: false) { channel } }", bearer: alice.Access)).Body);
        var consents = Data((await PostAsync(client, "mutation { setMarketingConsent(granted: true, channel: \"store\") { channel granted source } }", bearer: alice.Access)).Body)
            .GetProperty("setMarketingConsent");
        Assert.Equal([("store", true, "web:account"), ("web", false, "web:account")],
            consents.EnumerateArray().Select(c => (c.GetProperty("channel").GetString(), c.GetProperty("granted").GetBoolean(), c.GetProperty("source").GetString())));
        Assert.Equal(2L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.consents WHERE customer_id = @Id AND recorded_by = 'customer' AND source = 'web:account'", new { Id = long.Parse(alice.Id) }));
        var bobConsents = Data((await PostAsync(client, "{ me { consents { channel granted } } }", bearer: bob.Access)).Body).GetProperty("me").GetProperty("consents");
        Assert.Equal([("web", true)], bobConsents.EnumerateArray().Select(c => (c.GetProperty("channel").GetString(), c.GetProperty("granted").GetBoolean()))); // from sign-up
    }

    [SkippableTheory, Databases]
    public async Task Bad_input_and_missing_tokens_are_errors_with_codes_never_a_500(Db db)
    {
        await using var host = await CustomersHost.StartAsync(db, demo: true);
        var client = host.App.CreateClient();
        var alice = await RegisterAsync(client, "Alice", "0920 000 025");
        foreach (var (query, code) in new[]
                 {
                     ("mutation { addAddress(input: { recipient: \"\", line1: \"\", province: \"\" }) { id } }", "BAD_USER_INPUT"),
                     ("mutation { addAddress(input: { recipient: \"A\", line1: \"B\", province: \"C\", phone: \"12345\" }) { id } }", "BAD_USER_INPUT"),
                     ("mutation { removeAddress(id: \"abc\") { id } }", "BAD_USER_INPUT"),
                     ("mutation { removeAddress(id: \"-5\") { id } }", "BAD_USER_INPUT"),
                     ("mutation { removeAddress(id: \"999999999999\") { id } }", "NOT_FOUND"),
                     ("mutation { setMarketingConsent(granted: true, channel: \"zalo\") { channel } }", "BAD_USER_INPUT"),
                     ("mutation { setMarketingConsent(granted: true, channel: \"\") { channel } }", "BAD_USER_INPUT"),
                     ("mutation { addToCart(sku: \"\", quantity: 1) { itemCount } }", "BAD_USER_INPUT"),
                     ("mutation { addToCart(sku: \"NO-SUCH\", quantity: -3) { itemCount } }", "BAD_USER_INPUT"),
                     ("mutation { setCartLine(sku: \"NO-SUCH\", quantity: 100000) { itemCount } }", "BAD_USER_INPUT"),
                 })
        {
            var (status, body) = await PostAsync(client, query, bearer: alice.Access);
            Assert.True(status == HttpStatusCode.OK, $"{query}: {(int)status}");
            Assert.True(ErrorCode(body) == code, $"{query}: {body}");
        }
        foreach (var query in new[] { "{ me { addresses { id } } }", "{ me { consents { channel } } }", "mutation { setMarketingConsent(granted: true) { channel } }",
                     "mutation { addAddress(input: { recipient: \"A\", line1: \"B\", province: \"C\" }) { id } }", "mutation { removeAddress(id: \"1\") { id } }" })
            Assert.Equal("UNAUTHENTICATED", ErrorCode((await PostAsync(client, query)).Body));
        Assert.Equal(0L, await host.ScalarAsync<long>("SELECT COUNT(*) FROM customers.addresses WHERE customer_id = @Id", new { Id = long.Parse(alice.Id) }));

        var clerk = await host.App.SignedInAsync(Roles.StoreClerk);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/customers/customers/999999999/addresses")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/customers/customers/999999999/consents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/customers/customers/999999999")).StatusCode);
    }
}
