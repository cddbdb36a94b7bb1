using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OmniErp.Catalog.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;
using OmniErp.Kernel.Money;
using OmniErp.Pricing.Data;
using OmniErp.Pricing.Prices;
using OmniErp.Pricing.Quotes;
using OmniErp.Pricing.Seeding;

using OmniErp.Pricing.Storefront;

namespace OmniErp.Pricing;

/// <summary>The Pricing module: see README.md beside this file for what it owns, publishes and consumes.</summary>
public sealed class PricingModule : IModule
{
    public string Name => "Pricing";
    public string Schema => "pricing";
    public int Order => 20;

    public IReadOnlyList<MenuItem> Menu { get; } =
    [
        new("Prices", "/pricing/prices", (Roles.Merchandising + ",StoreManager").Split(',')),
        new("Bulk price edit", "/pricing/bulk", Roles.Merchandising.Split(','), 4),
        new("Price check", "/pricing/check", (Roles.Merchandising + ",StoreManager,StoreClerk").Split(','), 1),
        new("Parity report", "/pricing/parity", (Roles.Merchandising + ",StoreManager").Split(','), 2),
        new("Promotions", "/pricing/promotions", (Roles.Merchandising + ",StoreManager").Split(','), 3),
    ];

    public void AddGraphQL(OmniErp.GraphQL.SchemaBuilder schema) => PriceGraph.Register(schema);

    public IReadOnlyDictionary<string, string> Vietnamese => PricingTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<PricingDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
        services.Configure<PricingOptions>(configuration.GetSection(PricingOptions.Section));
        services.AddScoped<PriceBookLoader>();
        services.AddScoped<BulkPriceEdit.BulkPricePlanner>();
        services.AddScoped<ICliVerb, PriceSetVerb>();
        services.AddScoped<ICliVerb, PriceImportVerb>();
        services.AddScoped<IVerification, PriceParityVerification>();
    }

    public async Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var skus = new List<SkuInfo>();
        for (var offset = 0; ; offset += 5000)
        {
            var page = await mediator.Send(new ListSkus(offset, 5000), ct);
            skus.AddRange(page);
            if (page.Count < 5000) break;
        }
        var session = services.GetRequiredService<DbSession>();
        var currency = Currency.Of(services.GetRequiredService<IOptions<PricingOptions>>().Value.Currency);
        await session.BeginAsync(ct);
        await PricingSeed.RunAsync(session, skus, currency, seed, ct);
        await session.CommitAsync(ct);
    }
}
