using OmniErp.Customers.Contracts;
using OmniErp.GraphQL;
using OmniErp.Kernel.Storefront;
using OmniErp.Orders.Contracts;

namespace OmniErp.Customers.Accounts;

/// <summary><c>register</c>, <c>signIn</c>, <c>refreshToken</c>, <c>signOut</c>, and <c>me</c> with its profile and orders.</summary>
internal static class AccountGraph
{
    public static void Register(SchemaBuilder b)
    {
        b.Object("AuthPayload", "A signed-in customer's tokens: send the access token as 'Authorization: Bearer …'; trade the refresh token for a new pair before it expires.", t =>
        {
            t.Field("customerId", "ID!", ctx => ctx.Parent<CustomerTokens>().CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            t.Field("accessToken", "String!");
            t.Field("accessTokenExpiresAt", "DateTime!", ctx => ctx.Parent<CustomerTokens>().AccessExpiresAt);
            t.Field("refreshToken", "String!");
            t.Field("refreshTokenExpiresAt", "DateTime!", ctx => ctx.Parent<CustomerTokens>().RefreshExpiresAt);
        });
        b.InputObject("RegisterInput", "A storefront sign-up. A customer the stores already know by this phone keeps their profile, points and history.", i =>
        {
            i.Field("name", "String!");
            i.Field("phone", "String", "Any Vietnamese format: 0912 345 678, +84 912 345 678, 84912345678.");
            i.Field("email", "String");
            i.Field("password", "String!");
            i.Field("marketingConsent", "Boolean", "Consent to marketing on this channel (recorded with when and where).");
        });
        b.Object("CustomerProfile", "The signed-in customer's profile.", t =>
        {
            t.Field("id", "ID!", ctx => ctx.Parent<CustomerSummary>().Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            t.Field("name", "String!");
            t.Field("phone", "String").Description("E.164, e.g. +84912345678.");
            t.Field("email", "String");
            t.Field("group", "String");
        });
        b.Object("Me", "The signed-in customer: everything here is theirs and only theirs, on every channel (Orders adds `orders`).", t =>
        {
            t.Field("profile", "CustomerProfile!", async ctx =>
                (await Graph.SendAsync(ctx, new GetCustomer(ctx.Parent<MeValue>().CustomerId)))!);
        });
        b.Query(q => q.Field("me", "Me", ctx => new MeValue(ctx.RequireCustomer()))
            .Description("The customer of the bearer token; an UNAUTHENTICATED error without one."));

        b.Mutation(m =>
        {
            m.Field("register", "AuthPayload!", async ctx =>
            {
                var input = ctx.Argument<RegisterInput>("input");
                return await Graph.SendAsync(ctx, new RegisterCustomer(input.Name ?? "", input.Phone, input.Email, input.Password ?? "", ctx.Channel().Code, input.MarketingConsent ?? false));
            }).Argument("input", "RegisterInput!");
            m.Field("signIn", "AuthPayload!", async ctx =>
                Tokens(await Graph.SendAsync(ctx, new SignInCustomer(ctx.Argument<string>("login"), ctx.Argument<string>("password")))))
             .Argument("login", "String!", "Phone (any format) or email.")
             .Argument("password", "String!");
            m.Field("refreshToken", "AuthPayload!", async ctx =>
                Tokens(await Graph.SendAsync(ctx, new RefreshCustomerToken(ctx.Argument<string>("refreshToken")))))
             .Argument("refreshToken", "String!")
             .Description("Rotates: the old pair stops working. Reusing an old refresh token ends every session of the customer.");
            m.Field("signOut", "Boolean!", async ctx => await Graph.SendAsync(ctx, new SignOutEverywhere(ctx.RequireCustomer())) > 0)
             .Description("Ends every session of the signed-in customer (all devices).");
        });
    }

    private static CustomerTokens Tokens(TokenOutcome outcome) => outcome.Tokens ?? throw new GraphQLException(outcome.Failure switch
    {
        TokenOutcome.LockedOut => "Too many failed sign-ins; try again later.",
        TokenOutcome.InvalidToken => "The refresh token is invalid or expired; sign in again.",
        _ => "Wrong phone/email or password.",
    }, outcome.Failure);

    private sealed class RegisterInput
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool? MarketingConsent { get; set; }
    }
}
