using System.Security.Cryptography;
using System.Text;
using OmniErp.Kernel.Data;

namespace OmniErp.Kernel.Channels;

/// <summary>
/// Reads <c>kernel.channels</c> through a short-lived process cache (<see cref="ChannelCache"/>): channels are data but
/// change rarely, and every storefront request looks its channel up by API key. API keys are stored as SHA-256 hashes,
/// never in clear.
/// </summary>
internal sealed class ChannelDirectory(DbSession session, ChannelCache cache) : IChannelDirectory
{
    public async Task<IReadOnlyList<Channel>> ListAsync(CancellationToken ct) => (await cache.GetAsync(session, false, ct)).All;

    public Task<Channel?> FindAsync(string code, CancellationToken ct) => FindAsync(s => s.ByCode.GetValueOrDefault(code), ct);

    public Task<Channel?> FindByApiKeyAsync(string apiKey, CancellationToken ct)
    {
        var hash = HashKey(apiKey);
        return FindAsync(s => s.ByKeyHash.GetValueOrDefault(hash), ct);
    }

    /// <summary>A miss reads the table again at once, so a channel added a moment ago is found; only changes to a known channel wait for the TTL.</summary>
    private async Task<Channel?> FindAsync(Func<ChannelCache.Snapshot, Channel?> find, CancellationToken ct) =>
        find(await cache.GetAsync(session, false, ct)) ?? find(await cache.GetAsync(session, true, ct));

    public static string HashKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}

/// <summary>
/// The channels as last read, shared by the process for <see cref="Ttl"/> (a renamed channel or a revoked key is seen
/// within that time; a new one at once, see <see cref="ChannelDirectory"/>). One small table, read whole.
/// </summary>
public sealed class ChannelCache(TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;

    internal sealed record Snapshot(IReadOnlyList<Channel> All, Dictionary<string, Channel> ByCode, Dictionary<string, Channel> ByKeyHash, DateTimeOffset LoadedAt);

    /// <summary>Forgets the channels read, so the next lookup reads the table (call after changing a channel).</summary>
    public void Invalidate() => _snapshot = null;

    internal async Task<Snapshot> GetAsync(DbSession session, bool reload, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!reload && _snapshot is { } s && now - s.LoadedAt < Ttl) return s;
        var rows = (await session.QueryAsync<ChannelRow>(
            "SELECT code AS Code, name AS Name, type AS Type, api_key_hash AS ApiKeyHash FROM kernel.channels ORDER BY code", ct: ct)).ToList();
        var all = rows.Select(r => new Channel(r.Code, r.Name, Enum.Parse<ChannelType>(r.Type, ignoreCase: true))).ToList();
        var snapshot = new Snapshot(all, all.ToDictionary(c => c.Code, StringComparer.Ordinal),
            rows.Where(r => r.ApiKeyHash is not null).ToDictionary(r => r.ApiKeyHash!, r => all.First(c => c.Code == r.Code), StringComparer.Ordinal), now);
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed class ChannelRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string? ApiKeyHash { get; init; }
    }
}

public static class ChannelKeys
{
    public static string Hash(string apiKey) => ChannelDirectory.HashKey(apiKey);
}
