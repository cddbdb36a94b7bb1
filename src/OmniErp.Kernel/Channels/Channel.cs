namespace OmniErp.Kernel.Channels;

public enum ChannelType
{
    Store,
    Web,
    Marketplace,
}

/// <summary>A sales channel as every module sees it. Modules keep their own per-channel settings keyed by <see cref="Code"/>.</summary>
public sealed record Channel(string Code, string Name, ChannelType Type)
{
    public const string Web = "web";
    public const string Store = "store";
    public const string Marketplace = "shopee";
}

/// <summary>The channels the business sells on. Owned by the kernel because every module keys settings by channel.</summary>
public interface IChannelDirectory
{
    Task<IReadOnlyList<Channel>> ListAsync(CancellationToken ct);
    Task<Channel?> FindAsync(string code, CancellationToken ct);

    /// <summary>The channel an API key belongs to, or null when the key is unknown.</summary>
    Task<Channel?> FindByApiKeyAsync(string apiKey, CancellationToken ct);
}
