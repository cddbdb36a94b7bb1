using OmniErp.Customers.Accounts;
using OmniErp.GraphQL;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Customers.Carts;

/// <summary><c>me.cart</c> and the cart mutations. The cart is the signed-in customer's; no argument can name another.</summary>
internal static class CartGraph
{
    public static void Register(SchemaBuilder b)
    {
        b.Object("CartLine", "A cart line priced live for the caller's channel.", t =>
        {
            t.Field("sku", "String!");
            t.Field("name", "String");
            t.Field("quantity", "Int!");
            t.Field("unitPrice", "Money", ctx => Money(ctx.Parent<CartLineView>().UnitPrice, ctx.Parent<CartLineView>().Currency));
            t.Field("lineTotal", "Money", ctx => Money(ctx.Parent<CartLineView>().LineTotal, ctx.Parent<CartLineView>().Currency));
            t.Field("available", "Int").Description("What this channel can sell now; null when unknown.");
            t.Field("problem", "String").Description("Why the line cannot be bought as it is (not sold here, short of stock, price unavailable).");
        });
        b.Object("Cart", "The customer's one cart, on the server: the same on the web, in the app and at the POS.", t =>
        {
            t.Field("lines", "[CartLine!]!");
            t.Field("itemCount", "Int!");
            t.Field("total", "Money", ctx => ctx.Parent<CartView>() is { Total: { } total, Currency: { } currency } ? new MoneyValue(total, currency) : null);
            t.Field("updatedAt", "DateTime", ctx => ctx.Parent<CartView>().UpdatedAt);
        });
        b.Extend("Me", t => t.Field("cart", "Cart!", ctx => Graph.SendAsync(ctx, new GetCart(ctx.Parent<MeValue>().CustomerId, ctx.Channel().Code))).Cost(10));
        b.Mutation(m =>
        {
            m.Field("addToCart", "Cart!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                await Graph.SendAsync(ctx, new AddToCart(customer, ctx.Argument<string>("sku"), ctx.ArgumentOrDefault("quantity", 1), ctx.Channel().Code));
                return await Graph.SendAsync(ctx, new GetCart(customer, ctx.Channel().Code));
            }).Argument("sku", "String!").Argument("quantity", "Int", 1);
            m.Field("setCartLine", "Cart!", async ctx =>
            {
                var customer = ctx.RequireCustomer();
                await Graph.SendAsync(ctx, new SetCartLine(customer, ctx.Argument<string>("sku"), ctx.Argument<int>("quantity"), ctx.Channel().Code));
                return await Graph.SendAsync(ctx, new GetCart(customer, ctx.Channel().Code));
            }).Argument("sku", "String!").Argument("quantity", "Int!", "0 removes the line.");
        });
    }

    private static MoneyValue? Money(decimal? amount, string? currency) =>
        amount is { } a && currency is not null ? new MoneyValue(a, currency) : null;
}
