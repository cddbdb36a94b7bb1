using Microsoft.Extensions.DependencyInjection;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Receipts;
using OmniErp.Inventory.Seed;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.IntegrationTests.Inventory;

/// <summary>Starts the host with the demo locations (HN01, HCM01, DN01, WH01) and channel settings, and no stock.</summary>
internal static class InventoryTestApp
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero); // 10:00 in Vietnam, a Friday

    public static async Task<TestApp> StartAsync(Db db, ManualClock? clock = null, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Inventory:ReservationSweep:Enabled"] = "false" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var app = await TestApp.StartAsync(db, settings: all, services: s =>
        {
            if (clock is not null) s.AddSingleton<TimeProvider>(clock);
        });
        await app.InScopeAsync(sp => InventorySeed.RunAsync(sp, new DemoSeed { Now = T0 }, default));
        return app;
    }

    public static Task ReceiveAsync(this TestApp app, string location, string sku, int quantity, decimal cost = 100_000m) =>
        app.SendAsync(new ReceiveStock(location, "PN-TEST", [new ReceiptLine(sku, quantity, cost)], "test@omnierp.vn"));

    public static async Task<StockLevel> LevelAsync(this TestApp app, string sku, string location) =>
        (await app.SendAsync(new GetStockLevels([sku], [location]))).SingleOrDefault() ?? new StockLevel(sku, location, 0, 0, 0);

    public static Task<IReadOnlyList<string>> VerifyLedgerAsync(this TestApp app) =>
        app.InScopeAsync(sp => new LedgerVerification(sp.GetRequiredService<DbSession>()).VerifyAsync(default));

    public static Task ExecuteAsync(this TestApp app, string sql, object? param = null) =>
        app.InScopeAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync(sql, param));
}

internal static class InventoryChannels
{
    /// <summary>The kernel's demo channels with their storefront keys (a test database starts without them).</summary>
    public static async Task AddDemoChannelsAsync(this TestApp app)
    {
        foreach (var (code, name, type, key) in OmniErp.Host.Database.DemoData.Channels)
            await app.ExecuteAsync(
                "INSERT INTO kernel.channels (code, name, type, api_key_hash, created_at) VALUES (@code, @name, @type, @hash, @now)",
                new { code, name, type = type.ToString(), hash = OmniErp.Kernel.Channels.ChannelKeys.Hash(key), now = InventoryTestApp.T0 });
    }
}
