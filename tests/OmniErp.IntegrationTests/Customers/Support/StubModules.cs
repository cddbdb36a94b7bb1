using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Pricing.Contracts;

namespace OmniErp.IntegrationTests.Customers.Support;

/// <summary>
/// Catalog, Pricing and Inventory answering through their contracts with a fixed little assortment, so the Customers
/// scenarios test Customers (live price and availability on cart lines, SKU checks) whatever those modules hold.
/// </summary>
public static class StubModules
{
    public static readonly IReadOnlyDictionary<string, (string Name, decimal Price, int Available)> Assortment = new Dictionary<string, (string, decimal, int)>
    {
        ["AO-001-M"] = ("Áo thun cotton M", 199_000m, 10),
        ["QUAN-002-L"] = ("Quần jean L", 350_000m, 0),
        ["VAY-003-S"] = ("Váy hoa S", 520_000m, 5),
        ["MU-004"] = ("Mũ lưỡi trai", 99_000m, 100),
    };

    public static void Register(IServiceCollection services)
    {
        services.AddScoped<IRequestHandler<GetSkus, IReadOnlyList<SkuInfo>>, Skus>();
        services.AddScoped<IRequestHandler<GetPrices, IReadOnlyList<SkuPrice>>, Prices>();
        services.AddScoped<IRequestHandler<GetQuote, Quote>, Quotes>();
        services.AddScoped<IRequestHandler<GetChannelAvailability, IReadOnlyList<ChannelAvailability>>, Availability>();
    }

    private sealed class Skus : IRequestHandler<GetSkus, IReadOnlyList<SkuInfo>>
    {
        public Task<IReadOnlyList<SkuInfo>> Handle(GetSkus request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SkuInfo>>(request.Skus.Where(Assortment.ContainsKey).Select(s =>
                new SkuInfo(s, Assortment[s].Name, s[..^2], "APPAREL", "Thời trang", null, 10, "cái", ProductStatus.Active, ["store", "web", "shopee"], null, null)).ToList());
    }

    private sealed class Prices : IRequestHandler<GetPrices, IReadOnlyList<SkuPrice>>
    {
        public Task<IReadOnlyList<SkuPrice>> Handle(GetPrices request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SkuPrice>>(request.Skus.Where(Assortment.ContainsKey).Select(s => new SkuPrice(s, "VND", Assortment[s].Price, null, 10)).ToList());
    }

    private sealed class Quotes : IRequestHandler<GetQuote, Quote>
    {
        public Task<Quote> Handle(GetQuote request, CancellationToken cancellationToken)
        {
            var lines = request.Lines.Where(l => Assortment.ContainsKey(l.Sku)).Select(l =>
            {
                var price = Assortment[l.Sku].Price;
                return new QuotedLine(l.Sku, l.Quantity, price, price, [], 0m, price * l.Quantity, 10, 0m, []);
            }).ToList();
            var problems = request.Lines.Where(l => !Assortment.ContainsKey(l.Sku)).Select(l => new QuoteProblem(l.Sku, "UNKNOWN_SKU", "Not sold here.")).ToList();
            var total = lines.Sum(l => l.LineTotal);
            return Task.FromResult(new Quote(request.Channel, "VND", request.At ?? DateTimeOffset.UtcNow, lines, [], total, 0m, 0m, total, [], problems, []));
        }
    }

    private sealed class Availability : IRequestHandler<GetChannelAvailability, IReadOnlyList<ChannelAvailability>>
    {
        public Task<IReadOnlyList<ChannelAvailability>> Handle(GetChannelAvailability request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ChannelAvailability>>(request.Skus.Where(Assortment.ContainsKey).Select(s => new ChannelAvailability(s, Assortment[s].Available)).ToList());
    }
}
