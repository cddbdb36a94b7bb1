using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using OmniErp.Host.Identity;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Host.Database;

/// <summary>
/// The demo chain of MISSION.md: channels, staff, then each module's own demo data in module order. Deterministic:
/// the same seed and the same "today" give the same rows.
/// </summary>
public sealed class DemoData(IServiceProvider services, DbSession session, IEnumerable<IModule> modules, IHostEnvironment environment,
    IConfiguration configuration, TimeProvider clock, ILogger<DemoData> log)
{
    public const string DemoPassword = "OmniErp-2026!";

    /// <summary>The demo channels and the storefront keys a developer can try (published in the README).</summary>
    public static readonly IReadOnlyList<(string Code, string Name, ChannelType Type, string ApiKey)> Channels =
    [
        ("store", "Cửa hàng (POS)", ChannelType.Store, "demo-store-key"),
        ("web", "Website omnierp.vn", ChannelType.Web, "demo-web-key"),
        ("shopee", "Shopee Mall", ChannelType.Marketplace, "demo-shopee-key"),
    ];

    public static readonly IReadOnlyList<(string Email, string Name, string Role, string? Store)> StaffUsers =
    [
        ("admin@omnierp.vn", "Nguyễn Quản Trị", Roles.Admin, null),
        ("merchandiser@omnierp.vn", "Trần Thị Hàng", Roles.Merchandiser, null),
        ("manager.hn@omnierp.vn", "Lê Văn Quản", Roles.StoreManager, "HN01"),
        ("clerk.hn@omnierp.vn", "Phạm Thu Ngân", Roles.StoreClerk, "HN01"),
        ("accountant@omnierp.vn", "Đỗ Kế Toán", Roles.Accountant, null),
    ];

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        var channels = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel.channels", ct: ct);
        if (channels > 0) return false;
        await SeedAsync(ct);
        return true;
    }

    public async Task SeedAsync(CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var seed = new DemoSeed(configuration.GetValue("Demo:Seed", 20260101), configuration.GetValue("Demo:Scale", 1.0))
        {
            Now = configuration.GetValue<DateTimeOffset?>("Demo:Today") ?? clock.GetUtcNow(),
        };

        await session.BeginAsync(ct);
        foreach (var c in Channels)
        {
            await session.ExecuteAsync(
                "INSERT INTO kernel.channels (code, name, type, api_key_hash, created_at) VALUES (@Code, @Name, @Type, @Hash, @Now)",
                new { c.Code, c.Name, Type = c.Type.ToString(), Hash = ChannelKeys.Hash(c.ApiKey), Now = seed.Now }, ct);
        }
        await session.CommitAsync(ct);

        if (environment.IsDevelopment() || configuration.GetValue("Demo:Users", false))
            await SeedStaffAsync();

        foreach (var module in modules.OrderBy(m => m.Order))
        {
            var moduleStarted = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            await module.SeedAsync(scope.ServiceProvider, seed, ct);
            log.LogInformation("Seeded {Module} demo data in {Elapsed:0.0} s", module.Name, moduleStarted.Elapsed.TotalSeconds);
        }
        log.LogInformation("Demo data seeded in {Elapsed:0.0} s", started.Elapsed.TotalSeconds);
    }

    private async Task SeedStaffAsync()
    {
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var lines = new List<string>();
        foreach (var (email, name, role, store) in StaffUsers)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, HomeStore = store, Culture = "vi-VN" };
            Check(await users.CreateAsync(user, DemoPassword));
            Check(await users.AddToRoleAsync(user, role));
            lines.Add($"  {role,-13} {email}");
        }
        if (lines.Count > 0)
            log.LogWarning("Demo staff created (development only), password '{Password}':\n{Users}", DemoPassword, string.Join("\n", lines));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
