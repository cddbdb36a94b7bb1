using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;
using OmniErp.Customers.Data;

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
    ];

    public IReadOnlyDictionary<string, string> Vietnamese => CustomersTexts.Vietnamese;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<CustomersDbContext>((sp, o) => sp.GetRequiredService<DbSession>().Configure(o));
    }

    public Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => Task.CompletedTask;
}
