using System.Security.Cryptography;
using System.Text;

namespace OmniErp.Orders.Marketplace;

/// <summary>
/// Configuration <c>Orders:Marketplace</c>: per marketplace channel the shared secret its webhooks are signed with
/// (<c>Orders:Marketplace:Channels:shopee:Secret</c>), and how old a signed timestamp may be.
/// </summary>
internal sealed class MarketplaceOptions
{
    public Dictionary<string, MarketplaceChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public int ToleranceSeconds { get; set; } = 300;
}

internal sealed class MarketplaceChannelOptions
{
    public string? Secret { get; set; }
}

/// <summary>
/// The webhook signature: hex HMAC-SHA256, keyed by the channel's secret, over <c>{timestamp}.{raw body}</c>, where the
/// timestamp is Unix seconds sent in <c>X-Marketplace-Timestamp</c> and the signature in <c>X-Marketplace-Signature</c>.
/// </summary>
internal static class WebhookSignature
{
    public const string TimestampHeader = "X-Marketplace-Timestamp";
    public const string SignatureHeader = "X-Marketplace-Signature";

    public static string Compute(string secret, string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static bool Matches(string secret, string timestamp, byte[] body, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature)) return false;
        var given = signature.Trim();
        if (given.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)) given = given[7..];
        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(given.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
