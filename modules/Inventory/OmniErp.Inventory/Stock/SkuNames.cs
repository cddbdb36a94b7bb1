using MediatR;
using OmniErp.Catalog.Contracts;

namespace OmniErp.Inventory.Stock;

/// <summary>Product names for a page of SKUs, asked of the Catalog contract (one request per page).</summary>
internal static class SkuNames
{
    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(IMediator mediator, IEnumerable<string> skus, CancellationToken ct)
    {
        var wanted = skus.Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<string, string>();
        try
        {
            return (await mediator.Send(new GetSkus(wanted), ct)).ToDictionary(s => s.Sku, s => s.Name);
        }
        catch (InvalidOperationException)
        {
            return new Dictionary<string, string>(); // a deployable without the Catalog module shows SKUs only
        }
    }
}
