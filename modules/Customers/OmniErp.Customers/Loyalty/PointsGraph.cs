using OmniErp.Customers.Accounts;
using OmniErp.Customers.Contracts;
using OmniErp.GraphQL;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Customers.Loyalty;

/// <summary><c>me.points</c> and <c>me.tier</c>: one balance, shared by every channel.</summary>
internal static class PointsGraph
{
    public static void Register(SchemaBuilder b)
    {
        b.Object("PointsEntry", "One movement of loyalty points.", t =>
        {
            t.Field("kind", "String!").Description("Earn, Redeem, Restore, Expire, Reverse or Adjust.");
            t.Field("points", "Int!");
            t.Field("reference", "String!");
            t.Field("occurredAt", "DateTime!", ctx => ctx.Parent<PointsEntry>().OccurredAt);
        });
        b.Object("Points", "The customer's loyalty points, the same on every channel.", t =>
        {
            t.Field("balance", "Int!", ctx => (int)ctx.Parent<LoyaltyStatus>().Balance);
            t.Field("value", "Money!", ctx => new MoneyValue(ctx.Parent<LoyaltyStatus>().Value, ctx.Parent<LoyaltyStatus>().Currency));
            t.Field("spend12Months", "Money!", ctx => new MoneyValue(ctx.Parent<LoyaltyStatus>().Spend12Months, ctx.Parent<LoyaltyStatus>().Currency));
            t.Field("ledger", "[PointsEntry!]!", async ctx =>
                await Graph.SendAsync(ctx, new GetPointsLedger(ctx.Parent<LoyaltyStatus>().CustomerId, Math.Clamp(ctx.ArgumentOrDefault("first", 20), 1, 100))))
             .Argument("first", "Int", 20)
             .Cost(5);
        });
        b.Extend("Me", t =>
        {
            t.Field("points", "Points!", async ctx => (await Graph.SendAsync(ctx, new GetLoyaltyStatus(ctx.Parent<MeValue>().CustomerId)))!);
            t.Field("tier", "String!", async ctx => (await Graph.SendAsync(ctx, new GetCustomer(ctx.Parent<MeValue>().CustomerId)))?.Tier ?? Tiers.Member)
             .Description("Member, Silver, Gold or Platinum, by spend over the last 12 months on all channels.");
        });
    }
}
