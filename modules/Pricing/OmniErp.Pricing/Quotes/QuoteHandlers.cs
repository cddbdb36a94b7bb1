using MediatR;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Engine;

namespace OmniErp.Pricing.Quotes;

/// <summary>The contract's <see cref="GetQuote"/>: load the rules, run the one engine.</summary>
internal sealed class GetQuoteHandler(PriceBookLoader loader, TimeProvider clock) : IRequestHandler<GetQuote, Quote>
{
    public async Task<Quote> Handle(GetQuote request, CancellationToken cancellationToken)
    {
        var at = request.At ?? clock.GetUtcNow();
        var input = await loader.LoadAsync(request.Channel, request.Lines.Select(l => l.Sku).ToList(), at, request.CustomerId,
            request.CouponCodes, request.RedeemPoints, request.Lines, cancellationToken);
        return PriceEngine.Quote(input);
    }
}

/// <summary>The contract's <see cref="GetPrices"/>: shelf prices (one unit, SKU and category promotions, no coupons).</summary>
internal sealed class GetPricesHandler(PriceBookLoader loader, TimeProvider clock) : IRequestHandler<GetPrices, IReadOnlyList<SkuPrice>>
{
    public async Task<IReadOnlyList<SkuPrice>> Handle(GetPrices request, CancellationToken cancellationToken)
    {
        var at = request.At ?? clock.GetUtcNow();
        var input = await loader.LoadAsync(request.Channel, request.Skus, at, request.CustomerId, null, 0, [], cancellationToken);
        var result = new List<SkuPrice>(request.Skus.Count);
        foreach (var sku in request.Skus.Distinct(StringComparer.Ordinal))
        {
            if (!input.Facts.TryGetValue(sku, out var facts) || facts.Problem is not null || !input.Prices.ContainsKey(sku)) continue;
            var (price, compareAt, _) = PriceEngine.Shelf(input, sku);
            result.Add(new SkuPrice(sku, input.Currency.Code, price, compareAt, facts.VatRate));
        }
        return result;
    }
}
