using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Customers.Accounts;
using OmniErp.Customers.Carts;
using OmniErp.Customers.Data;
using OmniErp.Customers.Loyalty;
using OmniErp.Customers.Profiles;
using OmniErp.Customers.Seeding;
using OmniErp.Customers.Wishlists;
using OmniErp.GraphQL;
using OmniErp.Kernel.Storefront;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers;

/// <summary>The Customers module: see README.md beside this file for what it owns, publishes and consumes.</summary>
public sealed class CustomersModule : IModule
{
    public string Name => "Customers";
    public string Schema => "customers";
    public int Order => 40;

    public IReadOnlyList<MenuItem> Menu { get; } =
    [
        new("Customers", "/customers/customers", Roles.Everyone.Split(',')),
        new("Customer merges", "/customers/merges", Roles.StoreManagement.Split(','), 1),
        new("Abandoned carts", "/customers/carts/abandoned", Roles.Everyone.Split(','), 2),
        new("Segments", "/customers/segments", Roles.Everyone.Split(','), 3),
        new("Loyalty liability", "/customers/loyalty", Roles.Finance.Split(','), 4),
    ];

    public IReadOnlyDictionary<string, string> Vietnamese => CustomersTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<CustomersDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
        services.Configure<CustomersOptions>(configuration.GetSection(CustomersOptions.Section));
        services.AddSingleton<IPasswordHasher<Customer>, PasswordHasher<Customer>>();
        services.AddScoped<OtherModules>();
        services.AddScoped<ICustomerAuthenticator, CustomerAuthenticator>();
        services.AddScoped<IVerification, PointsVerification>();
        services.AddScoped<ICliVerb, LoyaltySweepVerb>();
        services.AddHostedService<LoyaltySweeper>();
        services.AddHostedService<AbandonedCartSweeper>();
    }

    public void AddGraphQL(SchemaBuilder schema)
    {
        AccountGraph.Register(schema);
        PointsGraph.Register(schema);
        CartGraph.Register(schema);
        WishlistGraph.Register(schema);
        ProfileGraph.Register(schema);
    }

    public Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => CustomerSeed.SeedAsync(services, seed, ct);
}
