using System.Security.Cryptography;
using System.Text;
using OmniErp.Kernel.Data;

namespace OmniErp.Kernel.Channels;

/// <summary>Reads <c>kernel.channels</c>. API keys are stored as SHA-256 hashes, never in clear.</summary>
internal sealed class ChannelDirectory(DbSession session) : IChannelDirectory
{
    private const string Select = "SELECT code AS Code, name AS Name, type AS Type FROM kernel.channels";

    public async Task<IReadOnlyList<Channel>> ListAsync(CancellationToken ct) =>
        (await session.QueryAsync<ChannelRow>(Select + " ORDER BY code", ct: ct)).Select(r => r.ToChannel()).ToList();

    public async Task<Channel?> FindAsync(string code, CancellationToken ct) =>
        (await session.QuerySingleOrDefaultAsync<ChannelRow>(Select + " WHERE code = @code", new { code }, ct))?.ToChannel();

    public async Task<Channel?> FindByApiKeyAsync(string apiKey, CancellationToken ct) =>
        (await session.QuerySingleOrDefaultAsync<ChannelRow>(Select + " WHERE api_key_hash = @hash", new { hash = HashKey(apiKey) }, ct))?.ToChannel();

    public static string HashKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    private sealed record ChannelRow(string Code, string Name, string Type)
    {
        public Channel ToChannel() => new(Code, Name, Enum.Parse<ChannelType>(Type, ignoreCase: true));
    }
}

public static class ChannelKeys
{
    public static string Hash(string apiKey) => ChannelDirectory.HashKey(apiKey);
}
