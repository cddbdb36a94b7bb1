using MediatR;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Contracts;
using OmniErp.Pricing.Engine;
using OmniErp.Pricing.Quotes;

namespace OmniErp.Pricing.Prices;

/// <summary>
/// Every SKU out of line: channel prices outside their channel's band (or a key item's channel price other than its
/// base price), and key items whose shelf price — worked out by the engine, schedules and promotions included — is not
/// the same on every channel listing them. Empty when the rules held.
/// </summary>
internal sealed record GetParityReport(DateTimeOffset? At = null) : IQuery<IReadOnlyList<ParityFinding>>;

internal sealed record ParityFinding(string Sku, string Rule, string Message, IReadOnlyDictionary<string, decimal> PriceByChannel);

internal sealed class GetParityReportHandler(DbSession session, IChannelDirectory channels, IMediator mediator, PriceBookLoader loader, TimeProvider clock)
    : IRequestHandler<GetParityReport, IReadOnlyList<ParityFinding>>
{
    public async Task<IReadOnlyList<ParityFinding>> Handle(GetParityReport request, CancellationToken ct)
    {
        var at = request.At ?? clock.GetUtcNow();
        var currency = loader.Currency.Code;
        var policies = await PolicyBook.LoadAsync(session, ct);
        var findings = new List<ParityFinding>();
        var overrides = await session.QueryAsync<(string Sku, string Channel, decimal Price, decimal Base, bool KeyItem)>(
            """
            SELECT c.sku, c.channel, c.price, b.price, b.key_item FROM pricing.channel_prices c JOIN pricing.base_prices b ON b.sku = c.sku ORDER BY c.sku, c.channel
            """, ct: ct);
        foreach (var o in overrides)
        {
            var (price, basePrice) = (PriceBookLoader.Norm(o.Price), PriceBookLoader.Norm(o.Base));
            if (ParityRules.CheckChannelPrice(o.Sku, o.KeyItem, basePrice, o.Channel, price, policies.For(o.Channel), currency) is { } error)
                findings.Add(new ParityFinding(o.Sku, error.Code, error.Message, new Dictionary<string, decimal> { ["base"] = basePrice, [o.Channel] = price }));
        }

        var keyItems = (await session.QueryAsync<string>("SELECT sku FROM pricing.base_prices WHERE key_item = " + (session.Dialect.IsPostgres ? "true" : "1") + " ORDER BY sku", ct: ct)).ToList();
        if (keyItems.Count > 0)
        {
            var byChannel = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
            foreach (var channel in await channels.ListAsync(ct))
                foreach (var p in await mediator.Send(new GetPrices(channel.Code, keyItems, null, at), ct))
                    (byChannel.TryGetValue(p.Sku, out var m) ? m : byChannel[p.Sku] = new Dictionary<string, decimal>())[channel.Code] = p.Price;
            foreach (var (sku, prices) in byChannel.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (prices.Values.Distinct().Count() <= 1) continue;
                findings.Add(new ParityFinding(sku, ParityRules.KeyItemParity,
                    $"Key item {sku} shows different prices: {string.Join(", ", prices.Select(p => $"{p.Key} {p.Value:#,0.##}"))} {currency}.", prices));
            }
        }
        return findings;
    }
}

/// <summary>Run by <c>verify</c>: the parity report must be empty.</summary>
internal sealed class PriceParityVerification(IMediator mediator) : IVerification
{
    public string Name => "price parity (key items, channel bands)";

    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken ct) =>
        (await mediator.Send(new GetParityReport(), ct)).Select(f => $"{f.Sku}: {f.Message}").ToList();
}
