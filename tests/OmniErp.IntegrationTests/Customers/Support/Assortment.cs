using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Adjustments;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Receipts;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Prices;

namespace OmniErp.IntegrationTests.Customers.Support;

/// <summary>
/// The real Catalog, Pricing and Inventory of the demo database, as Customers scenarios need them: sellable SKUs,
/// prices set through Pricing, stock set through Inventory, and what those modules answer through their contracts.
/// </summary>
public static class Assortment
{
    /// <summary>Active SKUs listed on the store and the web and priced on both, in SKU order.</summary>
    /// <param name="count">How many; <see cref="int.MaxValue"/> for all there are.</param>
    public static async Task<List<string>> SkusAsync(this CustomersHost host, int count, int skip = 0)
    {
        var skus = await host.SendAsync(new ListSkus(0, 2000, ProductStatus.Active));
        var listed = skus.Where(s => s.Channels.Contains("store") && s.Channels.Contains("web")).Select(s => s.Sku).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var priced = new HashSet<string>(listed);
        foreach (var channel in new[] { "store", "web" })
            priced.IntersectWith((await host.SendAsync(new GetPrices(channel, listed))).Select(p => p.Sku));
        var found = listed.Where(priced.Contains).Skip(skip).Take(count).ToList();
        return found.Count == count || (count == int.MaxValue && found.Count > 0) ? found : throw new InvalidOperationException($"The demo catalog has only {found.Count} sellable SKUs after skipping {skip}.");
    }

    /// <summary>The SKU's name in the catalog.</summary>
    public static async Task<string> NameAsync(this CustomersHost host, string sku) => (await host.SendAsync(new GetSkus([sku]))).Single().Name;

    /// <summary>Sets the SKU's base price through Pricing (which publishes <see cref="PriceChanged"/>), then delivers the outbox.</summary>
    public static async Task SetPriceAsync(this CustomersHost host, string sku, decimal price, string? channel = null)
    {
        await host.SendAsync(new SetPrice(sku, channel, price, "test@omnierp.vn", "test"));
        await host.DrainOutboxAsync();
    }

    /// <summary>Pricing's own quote for one line: what a cart line must show.</summary>
    public static async Task<QuotedLine> QuoteAsync(this CustomersHost host, string channel, string sku, int quantity, long? customerId) =>
        (await host.SendAsync(new GetQuote(channel, [new QuoteLineRequest(sku, quantity)], customerId))).Lines.Single();

    /// <summary>Pricing's quote for a whole cart (order-level promotions are shared out over its lines).</summary>
    public static Task<Quote> QuoteCartAsync(this CustomersHost host, string channel, long? customerId, params (string Sku, int Quantity)[] lines) =>
        host.SendAsync(new GetQuote(channel, lines.Select(l => new QuoteLineRequest(l.Sku, l.Quantity)).ToList(), customerId));

    public static async Task<int> AvailableAsync(this CustomersHost host, string channel, string sku) =>
        (await host.SendAsync(new GetChannelAvailability(channel, [sku]))).Single().Available;

    /// <summary>Writes the SKU down to nothing available at every location (Inventory publishes StockChanged), then delivers the outbox.</summary>
    public static async Task SellOutAsync(this CustomersHost host, string sku)
    {
        foreach (var level in await host.SendAsync(new GetStockLevels([sku])))
            if (level.Available > 0)
                await host.SendAsync(new AdjustStock(level.Location, sku, -level.Available, "Test: sold out", "test@omnierp.vn"));
        await host.DrainOutboxAsync();
    }

    /// <summary>Receives units of the SKU at every location (Inventory publishes StockChanged), then delivers the outbox.</summary>
    public static async Task RestockAsync(this CustomersHost host, string sku, int perLocation)
    {
        foreach (var location in await host.SendAsync(new GetLocations()))
            await host.SendAsync(new ReceiveStock(location.Code, "PN-TEST-" + sku, [new ReceiptLine(sku, perLocation, 100_000m)], "test@omnierp.vn"));
        await host.DrainOutboxAsync();
    }
}
