using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Catalog.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Seed;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Modules;
using Xunit.Abstractions;

namespace OmniErp.IntegrationTests.Inventory;

/// <summary>A stand-in catalog of <see cref="Count"/> SKUs, so the seed can be tested without the Catalog module's data.</summary>
internal sealed class FakeCatalog : IRequestHandler<ListSkus, IReadOnlyList<SkuInfo>>
{
    public const int Count = 1500;

    public Task<IReadOnlyList<SkuInfo>> Handle(ListSkus request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SkuInfo>>(Enumerable.Range(request.Offset, Math.Max(0, Math.Min(request.Limit, Count - request.Offset)))
            .Select(i => new SkuInfo($"SKU-{i:D5}", $"Sản phẩm {i}", $"P{i / 3}", "AO", "Áo", null, 10, "cái", ProductStatus.Active, ["store", "web", "shopee"], null, null))
            .ToList());
}

public sealed class InventorySeedTests(ITestOutputHelper output)
{
    [SkippableTheory, Databases]
    public async Task The_demo_seed_stocks_every_sku_at_every_location_with_a_ledger_that_balances(Db db)
    {
        await using var app = await TestApp.StartAsync(db, settings: new Dictionary<string, string?> { ["Inventory:ReservationSweep:Enabled"] = "false" },
            services: s => s.AddScoped<IRequestHandler<ListSkus, IReadOnlyList<SkuInfo>>, FakeCatalog>());
        var watch = Stopwatch.StartNew();
        await app.InScopeAsync(sp => InventorySeed.RunAsync(sp, new DemoSeed { Now = InventoryTestApp.T0 }, default));
        output.WriteLine($"{db}: seeded {FakeCatalog.Count} SKUs × 4 locations in {watch.Elapsed.TotalSeconds:0.00} s");

        Assert.Equal(["DN01", "HCM01", "HN01", "WH01"], (await app.SendAsync(new GetLocations())).Select(l => l.Code));
        Assert.Equal(FakeCatalog.Count * 4, await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.stock"));
        Assert.Equal(FakeCatalog.Count, await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.sku_costs WHERE average_cost > 0"));
        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.movements WHERE kind = 'Adjustment'") > 0);
        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM inventory.stock WHERE on_hand - reserved <= reorder_point") > 0);
        Assert.Empty(await app.VerifyLedgerAsync());
        Assert.True((await app.SendAsync(new GetChannelAvailability("web", ["SKU-00001"])))[0].Available > 0);
    }
}
