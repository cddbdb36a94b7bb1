using System.Collections;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.GraphQL;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Inventory.Storefront;

/// <summary>
/// Inventory's storefront GraphQL: <c>availability</c> on Catalog's <c>Variant</c> and <c>Product</c> for the caller's
/// channel (one <see cref="GetChannelAvailability"/> per request level, through a DataLoader), and the store locator
/// <c>stores(near:, skus:)</c>. The channel comes from the request's credential, never from an argument.
/// </summary>
internal static class StockGraph
{
    private const string Loader = "inventory.availability";

    public static void Register(SchemaBuilder b) => Register(b, CatalogHasStorefrontTypes);

    /// <param name="extendCatalog">Whether Catalog's <c>Variant</c> and <c>Product</c> types exist to be extended.</param>
    public static void Register(SchemaBuilder b, bool extendCatalog)
    {
        if (extendCatalog)
        {
            b.Extend("Variant", t =>
            {
                t.Field("availability", "Int!", ctx => AvailableAsync(ctx, SkusOf(ctx.ParentValue)))
                    .Description("Units the caller's channel can sell now (its locations, less its safety buffer, capped by its quota).");
                t.Field("inStock", "Boolean!", async ctx => await AvailableAsync(ctx, SkusOf(ctx.ParentValue)) > 0);
            });
            b.Extend("Product", t =>
            {
                t.Field("availability", "Int!", ctx => AvailableAsync(ctx, SkusOf(ctx.ParentValue)))
                    .Description("Units of all its variants the caller's channel can sell now.");
                t.Field("inStock", "Boolean!", async ctx => await AvailableAsync(ctx, SkusOf(ctx.ParentValue)) > 0);
            });
        }

        b.InputObject("GeoPointInput", "A point on Earth (WGS 84 degrees).", i =>
        {
            i.Field("latitude", "Float!");
            i.Field("longitude", "Float!");
        });
        b.Object("StoreStock", "What a store can hand over of one SKU now.", t =>
        {
            t.Field("sku", "String!");
            t.Field("available", "Int!");
        });
        b.Object("Store", "A store of the chain, nearest first, with its stock of the SKUs asked and pickup today.", t =>
        {
            t.Field("code", "String!", ctx => ctx.Parent<StoreNearby>().Store.Code);
            t.Field("name", "String!", ctx => ctx.Parent<StoreNearby>().Store.Name);
            t.Field("address", "String", ctx => ctx.Parent<StoreNearby>().Store.Address);
            t.Field("latitude", "Float", ctx => ctx.Parent<StoreNearby>().Store.Latitude);
            t.Field("longitude", "Float", ctx => ctx.Parent<StoreNearby>().Store.Longitude);
            t.Field("distanceKm", "Float!", ctx => ctx.Parent<StoreNearby>().DistanceKm);
            t.Field("openingHours", "String", ctx => ctx.Parent<StoreNearby>().Store.OpeningHours)
                .Description("Weekly hours in local time (UTC+7), e.g. 'Mo-Fr 08:30-21:30; Sa-Su 08:00-22:00'.");
            t.Field("hoursToday", "String", ctx => ctx.Parent<StoreNearby>().HoursToday);
            t.Field("openNow", "Boolean!", ctx => ctx.Parent<StoreNearby>().OpenNow);
            t.Field("pickupToday", "Boolean!", ctx => ctx.Parent<StoreNearby>().PickupToday)
                .Description("Pickup is offered here and the store is still open today.");
            t.Field("stock", "[StoreStock!]!", ctx => ctx.Parent<StoreNearby>().Stock.Select(s => new StoreStockNode(s.Sku, s.Available)).ToList());
            t.IsTypeOf<StoreNearby>();
        });
        b.Query(q => q.Field("stores", "[Store!]!", async ctx =>
            {
                var near = ctx.Argument<GeoPointInput>("near");
                var skus = ctx.ArgumentOrDefault<List<string>?>("skus", null) ?? [];
                var first = ctx.ArgumentOrDefault("first", 10);
                if (first is < 1 or > 50) throw new GraphQLException("Ask for 1 to 50 stores.", "BAD_USER_INPUT");
                if (skus.Count > 50) throw new GraphQLException("Ask for at most 50 SKUs.", "BAD_USER_INPUT");
                return await ctx.SendAsync(new FindStoresNear(near.Latitude, near.Longitude, skus, first));
            })
            .Argument("near", "GeoPointInput!")
            .Argument("skus", "[String!]", new List<object?>())
            .Argument("first", "Int", 10)
            .Description("Stores nearest a point, with distance, opening hours, stock of the SKUs asked and whether pickup is possible today."));
    }

    // Catalog declares Variant and Product together with these records; extending types that do not exist would fail the schema.
    private static bool CatalogHasStorefrontTypes =>
        typeof(SkuInfo).Assembly.GetType("OmniErp.Catalog.Contracts.VariantNode") is not null;

    private static async Task<int> AvailableAsync(ResolverContext ctx, IReadOnlyList<string> skus)
    {
        if (skus.Count == 0) return 0;
        var channel = ctx.Channel().Code;
        var services = ctx.Services;
        var loader = ctx.DataLoader<string, int>(Loader, async (keys, ct) =>
            (await services.GetRequiredService<IMediator>().Send(new GetChannelAvailability(channel, keys), ct))
                .ToDictionary(a => a.Sku, a => a.Available) as IReadOnlyDictionary<string, int>);
        var values = await loader.LoadManyAsync(skus);
        return values.Sum();
    }

    /// <summary>The SKU of a Catalog variant node, or the SKUs of a product node (read by property name, not by type).</summary>
    private static IReadOnlyList<string> SkusOf(object? parent)
    {
        if (parent is null) return [];
        var type = parent.GetType();
        if (type.GetProperty("Sku")?.GetValue(parent) is string sku) return [sku];
        if (type.GetProperty("Skus")?.GetValue(parent) is IEnumerable<string> skus) return skus.ToList();
        if (type.GetProperty("Variants")?.GetValue(parent) is IEnumerable variants)
            return variants.Cast<object>().SelectMany(SkusOf).ToList();
        return [];
    }

    private sealed record StoreStockNode(string Sku, int Available);

    internal sealed record GeoPointInput(double Latitude, double Longitude);
}
