using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;
using OmniErp.Orders.Data;

namespace OmniErp.Orders;

/// <summary>The Orders module: see README.md beside this file for what it owns, publishes and consumes.</summary>
public sealed class OrdersModule : IModule
{
    public string Name => "Orders";
    public string Schema => "orders";
    public int Order => 50;

    public IReadOnlyList<MenuItem> Menu { get; } =
    [
        new("Orders", "/orders/orders", Roles.Everyone.Split(',')),
        new("POS sale", "/orders/pos", Roles.StoreStaff.Split(','), 1),
    ];

    public IReadOnlyDictionary<string, string> Vietnamese => OrdersTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<OrdersDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
        services.AddScoped<Placing.Sourcing>();
        services.TryAddSingleton<Placing.OrderNumbers>();
        services.Configure<Marketplace.MarketplaceOptions>(configuration.GetSection("Orders:Marketplace"));
        services.Configure<Marketplace.FeedSyncOptions>(configuration.GetSection("Orders:FeedSync"));
        services.AddScoped<OmniErp.Kernel.Modules.ICliVerb, Marketplace.FeedSyncVerb>();
        services.AddHostedService<Marketplace.FeedSyncSchedule>();
        services.TryAddSingleton<Notifications.IEmailSender, Notifications.LogEmailSender>();
        services.TryAddSingleton<Notifications.ISmsSender, Notifications.LogSmsSender>();
        services.TryAddSingleton<Marketplace.IMarketplacePushAdapter, Marketplace.LogMarketplacePushAdapter>();
    }

    public void AddGraphQL(OmniErp.GraphQL.SchemaBuilder schema) => Orders.OrderGraph.Register(schema);

    public Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => Seed.OrdersSeed.RunAsync(services, seed, ct);
}
