using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.Seeding;

internal static class CustomerSeed
{
    public static Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => Task.CompletedTask;
}
