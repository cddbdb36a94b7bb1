using OmniErp.Pricing.Data;

namespace OmniErp.Pricing.Prices;

/// <summary>Where a change came from, recorded in the audit (and the "who" beside it).</summary>
internal static class PriceSources
{
    public const string Page = "page";
    public const string Csv = "csv";
    public const string Bulk = "bulk";
    public const string Cli = "cli";
    public const string GraphQL = "graphql";
    public const string Seed = "seed";
}

internal static class PriceAudit
{
    public static PriceChange Price(string kind, string sku, string? channel, string currency, decimal? before, decimal? after,
        DateTimeOffset at, string by, string source, string? subject = null) =>
        new() { Kind = kind, Sku = sku, Channel = channel, Currency = currency, OldPrice = before, NewPrice = after, Subject = subject, ChangedAt = at, ChangedBy = by, Source = source };

    public static PriceChange Value(string kind, string? sku, string? subject, string? before, string? after, DateTimeOffset at, string by, string source) =>
        new() { Kind = kind, Sku = sku, Subject = subject, OldValue = before, NewValue = after, ChangedAt = at, ChangedBy = by, Source = source };
}
