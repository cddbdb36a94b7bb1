using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.Seed;

internal static class InventorySeed
{
    public static Task RunAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct) => Task.CompletedTask;
}
