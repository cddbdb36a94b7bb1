using System.Globalization;
using OmniErp.Kernel.Errors;

namespace OmniErp.Pricing.Engine;

/// <summary>
/// The price-parity rules, in one place for every entry point (page, CSV, GraphQL, CLI):
/// <list type="bullet">
/// <item><c>KEY_ITEM_PARITY</c>: a key item carries exactly one price on every channel, so it takes no channel
///   override that differs from its base price and no channel-specific scheduled price or SKU promotion.</item>
/// <item><c>CHANNEL_DEVIATION</c>: any other SKU's channel price stays within its channel's policy band around the base price.</item>
/// </list>
/// </summary>
internal static class ParityRules
{
    public const string KeyItemParity = "KEY_ITEM_PARITY";
    public const string ChannelDeviation = "CHANNEL_DEVIATION";

    /// <summary>The error a channel price would break, or null when it is allowed.</summary>
    public static Error? CheckChannelPrice(string sku, bool keyItem, decimal basePrice, string channel, decimal price, ChannelPolicy policy, string currency)
    {
        if (keyItem && price != basePrice)
            return new Error(KeyItemParity,
                $"Refused by rule {KeyItemParity}: {sku} is a key item and carries one price on every channel; a {channel} price of {N(price)} {currency} differs from its base price {N(basePrice)} {currency}.",
                "Price");
        var (low, high) = Band(basePrice, policy);
        if (price < low || price > high)
            return new Error(ChannelDeviation,
                $"Refused by rule {ChannelDeviation}: channel {channel} allows prices from {N(low)} to {N(high)} {currency} for {sku} " +
                $"(−{N(policy.MaxDownPercent)} % to +{N(policy.MaxUpPercent)} % of the base price {N(basePrice)}); {N(price)} is outside.",
                "Price");
        return null;
    }

    /// <summary>Channel-specific schedules and promotions narrowed to some channels would give a key item two prices.</summary>
    public static Error? CheckChannelSpecific(string sku, bool keyItem, string what)
    {
        if (!keyItem) return null;
        return new Error(KeyItemParity,
            $"Refused by rule {KeyItemParity}: {sku} is a key item and carries one price on every channel; a {what} for only some channels would break that.",
            "Channel");
    }

    public static (decimal Low, decimal High) Band(decimal basePrice, ChannelPolicy policy) =>
        (basePrice * (100m - policy.MaxDownPercent) / 100m, basePrice * (100m + policy.MaxUpPercent) / 100m);

    private static string N(decimal d) => d.ToString("#,0.##", CultureInfo.InvariantCulture);
}
