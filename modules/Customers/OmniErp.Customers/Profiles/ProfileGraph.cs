using System.Globalization;
using OmniErp.Customers.Accounts;
using OmniErp.GraphQL;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Customers.Profiles;

/// <summary>
/// <c>me.addresses</c>, <c>me.consents</c> and the mutations with which the signed-in customer manages them. The customer
/// is always the bearer's; an address id of another customer is "not found".
/// </summary>
internal static class ProfileGraph
{
    public static void Register(SchemaBuilder b)
    {
        b.Object("CustomerAddress", "A delivery address of the signed-in customer.", t =>
        {
            t.Field("id", "ID!", ctx => ctx.Parent<AddressView>().Id.ToString(CultureInfo.InvariantCulture));
            t.Field("label", "String");
            t.Field("recipient", "String!");
            t.Field("phone", "String").Description("E.164, e.g. +84912345678.");
            t.Field("line1", "String!");
            t.Field("ward", "String");
            t.Field("district", "String");
            t.Field("province", "String!");
            t.Field("isDefault", "Boolean!");
        });
        b.Object("MarketingConsent", "Marketing consent for one sales channel: the latest record is in force.", t =>
        {
            t.Field("channel", "String!");
            t.Field("granted", "Boolean!");
            t.Field("source", "String!").Description("Where it was given or withdrawn, e.g. store:HN01, web:account.");
            t.Field("recordedAt", "DateTime!", ctx => ctx.Parent<ConsentEntry>().RecordedAt);
        });
        b.InputObject("AddressInput", "A delivery address.", i =>
        {
            i.Field("label", "String", "Home, office…");
            i.Field("recipient", "String!");
            i.Field("phone", "String", "Any Vietnamese format.");
            i.Field("line1", "String!", "House number and street.");
            i.Field("ward", "String");
            i.Field("district", "String");
            i.Field("province", "String!");
        });
        b.Extend("Me", t =>
        {
            t.Field("addresses", "[CustomerAddress!]!", ctx => Graph.SendAsync(ctx, new GetAddresses(ctx.Parent<MeValue>().CustomerId)));
            t.Field("consents", "[MarketingConsent!]!", async ctx => (await Graph.SendAsync(ctx, new GetConsents(ctx.Parent<MeValue>().CustomerId))).Current);
        });
        b.Mutation(m =>
        {
            m.Field("addAddress", "[CustomerAddress!]!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                var a = ctx.Argument<AddressInput>("input");
                await Graph.SendAsync(ctx, new AddAddress(customer, a.Label, a.Recipient, a.Phone, a.Line1, a.Ward, a.District, a.Province, ctx.ArgumentOrDefault("makeDefault", false)));
                return await Graph.SendAsync(ctx, new GetAddresses(customer));
            }).Argument("input", "AddressInput!").Argument("makeDefault", "Boolean", false)
              .Description("Adds an address to the signed-in customer; the first one becomes the default. Answers with all their addresses.");
            m.Field("updateAddress", "[CustomerAddress!]!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                var a = ctx.Argument<AddressInput>("input");
                await Graph.SendAsync(ctx, new UpdateAddress(customer, AddressId(ctx), a.Label, a.Recipient, a.Phone, a.Line1, a.Ward, a.District, a.Province, ctx.ArgumentOrDefault("makeDefault", false)));
                return await Graph.SendAsync(ctx, new GetAddresses(customer));
            }).Argument("id", "ID!").Argument("input", "AddressInput!").Argument("makeDefault", "Boolean", false);
            m.Field("removeAddress", "[CustomerAddress!]!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                await Graph.SendAsync(ctx, new RemoveAddress(customer, AddressId(ctx)));
                return await Graph.SendAsync(ctx, new GetAddresses(customer));
            }).Argument("id", "ID!");
            m.Field("setDefaultAddress", "[CustomerAddress!]!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                await Graph.SendAsync(ctx, new SetDefaultAddress(customer, AddressId(ctx)));
                return await Graph.SendAsync(ctx, new GetAddresses(customer));
            }).Argument("id", "ID!");
            m.Field("setMarketingConsent", "[MarketingConsent!]!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                var here = ctx.Channel().Code;
                var channel = ctx.ArgumentOrDefault<string?>("channel", null) ?? here;
                await Graph.SendAsync(ctx, new RecordConsent(customer, channel, ctx.Argument<bool>("granted"), here + ":account", "customer"));
                return (await Graph.SendAsync(ctx, new GetConsents(customer))).Current;
            }).Argument("granted", "Boolean!").Argument("channel", "String", "The sales channel the consent is for; the channel asking when omitted.")
              .Description("Gives or withdraws marketing consent, recorded with when, where (the channel asking) and by whom (the customer).");
        });
    }

    private static long AddressId(ResolverContext ctx) =>
        long.TryParse(ctx.Argument<string>("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id : throw new GraphQLException("Not an address id.", "BAD_USER_INPUT");

    private sealed class AddressInput
    {
        public string? Label { get; set; }
        public string? Recipient { get; set; }
        public string? Phone { get; set; }
        public string? Line1 { get; set; }
        public string? Ward { get; set; }
        public string? District { get; set; }
        public string? Province { get; set; }
    }
}
