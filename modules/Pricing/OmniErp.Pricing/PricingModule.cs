using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Data;

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
    ];

    public IReadOnlyDictionary<string, string> Vietnamese => PricingTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<PricingDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
    }

    public Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => Task.CompletedTask;
}
