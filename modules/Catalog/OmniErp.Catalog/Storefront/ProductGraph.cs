using OmniErp.Catalog.Contracts;
using OmniErp.GraphQL;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Catalog.Storefront;

/// <summary>Catalog's storefront GraphQL: <c>products</c> (cursor paging), <c>product(sku:|slug:)</c>, <c>categories</c>.</summary>
internal static class ProductGraph
{
    public static void Register(SchemaBuilder b)
    {
        b.Enum<ProductStatus>("ProductStatus");
        b.Object("Category", "A node of the category tree.", t =>
        {
            t.Field("code", "String!");
            t.Field("name", "String!");
            t.Field("path", "String!").Description("Category codes from the root, joined by '/'.");
            t.Field("parentCode", "String");
        });
        b.Object("ProductAttribute", "A variant's attribute (size, color, volume, shade, …).", t =>
        {
            t.Field("name", "String!");
            t.Field("value", "String!");
        });
        b.Object("Variant", "A sellable variant of a product: one SKU.", t =>
        {
            t.Field("sku", "String!");
            t.Field("name", "String!");
            t.Field("barcode", "String").Description("GTIN (EAN-13 etc.), check digit validated.");
            t.Field("attributes", "[ProductAttribute!]!");
            t.IsTypeOf<VariantNode>();
        });
        b.Object("Product", "A product as a storefront shows it, with its variants.", t =>
        {
            t.Field("code", "String!");
            t.Field("name", "String!");
            t.Field("slug", "String!");
            t.Field("brand", "String");
            t.Field("unit", "String!");
            t.Field("vatRate", "Int!").Description("VAT class in percent (0, 5, 8 or 10); prices include it.");
            t.Field("status", "ProductStatus!");
            t.Field("description", "String");
            t.Field("imageUrls", "[String!]!");
            t.Field("category", "Category!", ctx =>
            {
                var p = ctx.Parent<ProductNode>();
                var slash = p.CategoryPath.LastIndexOf('/');
                return new CategoryNode(p.CategoryCode, p.CategoryName, p.CategoryPath, slash < 0 ? null : p.CategoryPath[..slash].Split('/')[^1]);
            });
            t.Field("variants", "[Variant!]!");
            t.IsTypeOf<ProductNode>();
        });
        b.Object("ProductEdge", null, t =>
        {
            t.Field("cursor", "String!", ctx => ProductSlice.Cursor(ctx.Parent<ProductNode>()));
            t.Field("node", "Product!", ctx => ctx.Parent<ProductNode>());
        });
        b.Object("ProductPageInfo", null, t =>
        {
            t.Field("hasNextPage", "Boolean!", ctx => ctx.Parent<ProductSlice>().HasNextPage);
            t.Field("endCursor", "String", ctx => ctx.Parent<ProductSlice>().Nodes is { Count: > 0 } n ? ProductSlice.Cursor(n[^1]) : null);
        });
        b.Object("ProductConnection", "A page of products; pass pageInfo.endCursor as `after` for the next.", t =>
        {
            t.Field("edges", "[ProductEdge!]!", ctx => ctx.Parent<ProductSlice>().Nodes);
            t.Field("nodes", "[Product!]!", ctx => ctx.Parent<ProductSlice>().Nodes);
            t.Field("pageInfo", "ProductPageInfo!", ctx => ctx.Parent<ProductSlice>());
        });
        b.InputObject("AttributeFilter", "Only products with a variant having this attribute value.", i =>
        {
            i.Field("name", "String!");
            i.Field("value", "String!");
        });

        b.Query(q =>
        {
            q.Field("products", "ProductConnection!", async ctx =>
                {
                    var filters = ctx.HasArgument("attributes") ? ctx.Argument<List<AttributeValue>?>("attributes") : null;
                    return await ctx.SendAsync(new BrowseProducts(ctx.Channel().Code, ctx.ArgumentOrDefault("first", 24),
                        ctx.ArgumentOrDefault<string?>("after", null), ctx.ArgumentOrDefault<string?>("category", null),
                        ctx.ArgumentOrDefault<string?>("text", null), filters));
                })
                .Argument("first", "Int", 24, "At most 100.")
                .Argument("after", "String")
                .Argument("category", "String", "A category code; its whole subtree is included.")
                .Argument("text", "String", "Words to find in SKU, name, brand or barcode (accents optional).")
                .Argument("attributes", "[AttributeFilter!]")
                .Description("Active products listed on the caller's channel, in product-code order.");
            q.Field("product", "Product", async ctx =>
                {
                    var sku = ctx.ArgumentOrDefault<string?>("sku", null);
                    var slug = ctx.ArgumentOrDefault<string?>("slug", null);
                    if (sku is null && slug is null) throw new GraphQLException("Give a sku or a slug.", "BAD_USER_INPUT");
                    var slice = await ctx.SendAsync(new BrowseProducts(ctx.Channel().Code, 1, Sku: sku?.ToUpperInvariant(), Slug: slug));
                    return slice.Nodes.FirstOrDefault();
                })
                .Argument("sku", "String", "Any of the product's SKUs.")
                .Argument("slug", "String")
                .Description("One product on the caller's channel, or null.");
            q.Field("categories", "[Category!]!", async ctx => await ctx.SendAsync(new GetCategories()))
                .Description("The whole category tree, parents before children.");
        });
    }
}
