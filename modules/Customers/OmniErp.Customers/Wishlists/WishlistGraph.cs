using OmniErp.Customers.Accounts;
using OmniErp.GraphQL;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Customers.Wishlists;

/// <summary><c>me.wishlist</c> and its mutations, for the signed-in customer only.</summary>
internal static class WishlistGraph
{
    public static void Register(SchemaBuilder b)
    {
        b.Object("WishlistItem", "A wished SKU with its live price and availability on the caller's channel.", t =>
        {
            t.Field("sku", "String!");
            t.Field("name", "String");
            t.Field("addedAt", "DateTime!", ctx => ctx.Parent<WishlistItemView>().AddedAt);
            t.Field("price", "Money", ctx => ctx.Parent<WishlistItemView>() is { Price: { } p, Currency: { } c } ? new MoneyValue(p, c) : null);
            t.Field("available", "Int");
        });
        b.Extend("Me", t => t.Field("wishlist", "[WishlistItem!]!", ctx => Graph.SendAsync(ctx, new GetWishlist(ctx.Parent<MeValue>().CustomerId, ctx.Channel().Code))).Cost(10));
        b.Mutation(m =>
        {
            m.Field("addToWishlist", "[WishlistItem!]!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                await Graph.SendAsync(ctx, new AddToWishlist(customer, ctx.Argument<string>("sku"), ctx.Channel().Code));
                return await Graph.SendAsync(ctx, new GetWishlist(customer, ctx.Channel().Code));
            }).Argument("sku", "String!");
            m.Field("removeFromWishlist", "[WishlistItem!]!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                await Graph.SendAsync(ctx, new RemoveFromWishlist(customer, ctx.Argument<string>("sku")));
                return await Graph.SendAsync(ctx, new GetWishlist(customer, ctx.Channel().Code));
            }).Argument("sku", "String!");
        });
    }
}
