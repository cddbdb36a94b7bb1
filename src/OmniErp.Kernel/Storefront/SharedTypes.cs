using System.Globalization;
using OmniErp.GraphQL;
using OmniErp.Kernel.Channels;

namespace OmniErp.Kernel.Storefront;

/// <summary>Scalars and types every module's GraphQL uses: Decimal, DateTime, Money.</summary>
public static class SharedTypes
{
    public static void Register(SchemaBuilder b)
    {
        b.Scalar("Decimal", "An exact decimal number, serialized as a JSON number (money is never floating point in OmniErp).",
            serialize: v => v switch
            {
                decimal d => d,
                int i => (decimal)i,
                long l => (decimal)l,
                _ => throw new ScalarCoercionException($"Decimal cannot represent {v}"),
            },
            parse: v => v switch
            {
                decimal d => d,
                int i => (decimal)i,
                long l => (decimal)l,
                double f => (decimal)f,
                string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
                _ => throw new ScalarCoercionException($"Decimal cannot represent {v}"),
            });
        b.Scalar("DateTime", "An instant, as an ISO 8601 string with offset (RFC 3339).",
            serialize: v => v switch
            {
                DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                DateTime d => new DateTimeOffset(d).ToString("O", CultureInfo.InvariantCulture),
                _ => throw new ScalarCoercionException($"DateTime cannot represent {v}"),
            },
            parse: v => v is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
                ? d
                : throw new ScalarCoercionException($"DateTime expects an ISO 8601 string, got {v}"),
            specifiedByUrl: "https://scalars.graphql.org/andimarek/date-time");
        b.Enum<ChannelType>("ChannelType");
        b.Object("Channel", "A sales channel: the credential of a request decides which one it is.", t =>
        {
            t.Field("code", "String!");
            t.Field("name", "String!");
            t.Field("type", "ChannelType!");
        });
        b.Query(q => q.Field("channel", "Channel!", ctx => ctx.Channel())
            .Description("The channel this request is served as (from its X-Channel-Key; the public web channel without one)."));
        b.Object("Money", "An amount with its ISO 4217 currency. VND has no minor unit.", t =>
        {
            t.Field("amount", "Decimal!");
            t.Field("currency", "String!");
        });
    }
}

/// <summary>What the Money type serializes.</summary>
public sealed record MoneyValue(decimal Amount, string Currency);
