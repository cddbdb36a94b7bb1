using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.GraphQL;
using OmniErp.Kernel.Modules;
using OmniErp.Kernel.Storefront;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Prices;

namespace OmniErp.Pricing.Storefront;

/// <summary>
/// Pricing's storefront GraphQL: <c>price</c> on Catalog's <c>Product</c> and <c>Variant</c> for the caller's channel and
/// customer (one DataLoader batch, one <see cref="GetPrices"/>, whatever the page size), the <c>quote</c> query, and the
/// staff-only <c>setPrice</c> mutation (the back-office cookie, role Admin or Merchandiser), which sends the same
/// <see cref="SetPrice"/> command as the page, the CSV and the CLI, so a refusal names the same parity rule.
/// </summary>
internal static class PriceGraph
{
    public static void Register(SchemaBuilder b)
    {
        b.Object("Price", "A shelf price for the caller's channel (and signed-in customer), VAT included.", t =>
        {
            t.Field("amount", "Decimal!", ctx => ctx.Parent<SkuPrice>().Price);
            t.Field("currency", "String!", ctx => ctx.Parent<SkuPrice>().Currency);
            t.Field("compareAtAmount", "Decimal", ctx => ctx.Parent<SkuPrice>().CompareAtPrice).Description("The regular price when a lower one applies now.");
            t.Field("vatRate", "Int!", ctx => ctx.Parent<SkuPrice>().VatRate);
        });
        b.Extend("Variant", t => t.Field("price", "Price", ctx => Prices(ctx).LoadAsync(ctx.Parent<VariantNode>().Sku))
            .Description("Null when the SKU has no price or is not sold on this channel."));
        b.Extend("Product", t => t.Field("price", "Price", async ctx =>
            {
                var prices = await Prices(ctx).LoadManyAsync(ctx.Parent<ProductNode>().Skus);
                return prices.Where(p => p is not null).OrderBy(p => p!.Price).FirstOrDefault();
            })
            .Description("The lowest price of the product's variants (\"from\")."));

        b.InputObject("QuoteLineInput", null, i =>
        {
            i.Field("sku", "String!");
            i.Field("quantity", "Int!");
        });
        b.Object("QuoteDiscount", "A discount and the rule that gave it.", t =>
        {
            t.Field("ruleCode", "String!");
            t.Field("description", "String!");
            t.Field("amount", "Decimal!");
        });
        b.Object("QuoteVat", "VAT contained in the total at one rate.", t =>
        {
            t.Field("rate", "Int!");
            t.Field("gross", "Decimal!");
            t.Field("vat", "Decimal!");
        });
        b.Object("QuoteProblem", "A line or coupon that could not be applied.", t =>
        {
            t.Field("sku", "String!");
            t.Field("code", "String!");
            t.Field("message", "String!");
        });
        b.Object("QuoteLine", null, t =>
        {
            t.Field("sku", "String!");
            t.Field("quantity", "Int!");
            t.Field("listUnitPrice", "Decimal!");
            t.Field("unitPrice", "Decimal!");
            t.Field("discounts", "[QuoteDiscount!]!");
            t.Field("discountTotal", "Decimal!");
            t.Field("lineTotal", "Decimal!");
            t.Field("vatRate", "Int!");
            t.Field("vatAmount", "Decimal!");
            t.Field("trace", "[String!]!").Description("How the price was resolved: which price won and why.");
        });
        b.Object("Quote", "The one engine's answer: the same inputs give the same money on every channel entry point.", t =>
        {
            t.Field("channel", "String!");
            t.Field("currency", "String!");
            t.Field("at", "DateTime!");
            t.Field("lines", "[QuoteLine!]!");
            t.Field("orderDiscounts", "[QuoteDiscount!]!");
            t.Field("subtotal", "Decimal!");
            t.Field("discountTotal", "Decimal!");
            t.Field("vatTotal", "Decimal!");
            t.Field("total", "Decimal!");
            t.Field("vat", "[QuoteVat!]!");
            t.Field("problems", "[QuoteProblem!]!");
            t.Field("trace", "[String!]!");
            t.Field("isComplete", "Boolean!");
        });
        b.Query(q => q.Field("quote", "Quote!", async ctx =>
            {
                var lines = ctx.Argument<List<QuoteLineRequest>>("lines");
                if (lines.Count > 100) throw new GraphQLException("A quote has at most 100 lines.", "BAD_USER_INPUT");
                var coupons = ctx.ArgumentOrDefault<List<string>?>("couponCodes", null);
                return await ctx.SendAsync(
                    new GetQuote(ctx.Channel().Code, lines, ctx.CustomerId(), null, coupons, ctx.ArgumentOrDefault("redeemPoints", 0)));
            })
            .Argument("lines", "[QuoteLineInput!]!")
            .Argument("couponCodes", "[String!]")
            .Argument("redeemPoints", "Int", 0, "Loyalty points to redeem (signed-in customers).")
            .Description("Prices a cart for the caller's channel and signed-in customer, now."));
        RegisterSetPrice(b);
    }

    private static void RegisterSetPrice(SchemaBuilder b)
    {
        b.InputObject("SetPriceInput", "A base price (no channel) or a channel's price; a channel with a null price removes its override.", i =>
        {
            i.Field("sku", "String!");
            i.Field("channel", "String");
            i.Field("price", "Decimal");
        });
        b.Object("PriceChange", "What setPrice did: the price before and after, and whether anything changed.", t =>
        {
            t.Field("sku", "String!");
            t.Field("channel", "String");
            t.Field("oldPrice", "Decimal");
            t.Field("newPrice", "Decimal");
            t.Field("changed", "Boolean!");
        });
        b.Mutation(m => m.Field("setPrice", "PriceChange!", async ctx =>
            {
                var staff = ctx.RequireStaff(Roles.Merchandising);
                var input = ctx.Argument<SetPriceInput>("input");
                // A refusal is BAD_USER_INPUT; its message names the rule (KEY_ITEM_PARITY, …) and extensions.rule carries it.
                return await ctx.SendAsync(
                    new SetPrice(input.Sku, string.IsNullOrWhiteSpace(input.Channel) ? null : input.Channel, input.Price,
                        "graphql:" + (staff.Identity?.Name ?? "staff"), PriceSources.GraphQL));
            })
            .Argument("input", "SetPriceInput!")
            .Description("Staff only (back-office sign-in, Admin or Merchandiser): sets a price through the same parity rules as every other entry point."));
    }

    private sealed record SetPriceInput(string Sku, string? Channel, decimal? Price);

    private static DataLoader<string, SkuPrice> Prices(ResolverContext ctx)
    {
        var channel = ctx.Channel().Code;
        var customer = ctx.CustomerId();
        return ctx.DataLoader<string, SkuPrice>("pricing.prices", async (skus, ct) =>
            (await ctx.Services.GetRequiredService<IMediator>().Send(new GetPrices(channel, skus, customer), ct)).ToDictionary(p => p.Sku));
    }
}
