using MediatR;
using Microsoft.Extensions.Logging;
using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Customers.Carts;

/// <summary>
/// What carts and wishlists ask Catalog, Pricing and Inventory, through their contracts. A cart must still open when
/// one of them cannot answer (not deployed yet, or failing): its lines then show "price/availability unknown"
/// rather than an error page.
/// </summary>
internal sealed class OtherModules(IMediator mediator, ILogger<OtherModules> log)
{
    /// <summary>The SKUs Catalog knows among those asked; null when Catalog cannot answer.</summary>
    public async Task<IReadOnlyDictionary<string, SkuInfo>?> SkusAsync(IReadOnlyCollection<string> skus, CancellationToken ct) =>
        skus.Count == 0 ? new Dictionary<string, SkuInfo>()
            : (await TryAsync(() => mediator.Send(new GetSkus(skus), ct), "Catalog GetSkus"))?.ToDictionary(s => s.Sku, StringComparer.Ordinal);

    public async Task<Quote?> QuoteAsync(string channel, IReadOnlyList<QuoteLineRequest> lines, long customerId, CancellationToken ct) =>
        lines.Count == 0 ? null : await TryAsync(() => mediator.Send(new GetQuote(channel, lines, customerId), ct), "Pricing GetQuote");

    public async Task<IReadOnlyDictionary<string, SkuPrice>> PricesAsync(string channel, IReadOnlyCollection<string> skus, long? customerId, CancellationToken ct) =>
        skus.Count == 0 ? new Dictionary<string, SkuPrice>()
            : (await TryAsync(() => mediator.Send(new GetPrices(channel, skus, customerId), ct), "Pricing GetPrices"))?.ToDictionary(p => p.Sku, StringComparer.Ordinal)
              ?? new Dictionary<string, SkuPrice>();

    public async Task<IReadOnlyDictionary<string, int>> AvailabilityAsync(string channel, IReadOnlyCollection<string> skus, CancellationToken ct) =>
        skus.Count == 0 ? new Dictionary<string, int>()
            : (await TryAsync(() => mediator.Send(new GetChannelAvailability(channel, skus), ct), "Inventory GetChannelAvailability"))?.ToDictionary(a => a.Sku, a => a.Available, StringComparer.Ordinal)
              ?? new Dictionary<string, int>();

    private async Task<T?> TryAsync<T>(Func<Task<T>> call, string what) where T : class
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotImplementedException)
        {
            log.LogWarning(ex, "{Call} could not answer; showing the cart without it", what);
            return null;
        }
    }
}
