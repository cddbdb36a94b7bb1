using MediatR;
using Microsoft.Extensions.Logging;
using OmniErp.Catalog.Contracts;

namespace OmniErp.Inventory.Stock;

/// <summary>Product names for a page of SKUs, asked of the Catalog contract (one request per page).</summary>
internal static class SkuNames
{
    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(IMediator mediator, ILogger log, IEnumerable<string> skus, CancellationToken ct)
    {
        var wanted = skus.Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<string, string>();
        try
        {
            return (await mediator.Send(new GetSkus(wanted), ct)).ToDictionary(s => s.Sku, s => s.Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Names are a convenience on a stock page: without them (no Catalog module, or Catalog failing) it still shows stock.
            log.LogWarning(ex, "Product names for the stock page could not be read from Catalog");
            return new Dictionary<string, string>();
        }
    }
}
