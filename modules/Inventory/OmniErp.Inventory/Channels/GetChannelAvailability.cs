using MediatR;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Data;
using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Channels;

/// <summary>
/// What a channel may sell of each SKU now: over its locations, on hand less reserved less its buffer (never below
/// zero per location), capped by its quota. The same rows and the same arithmetic as <c>ReserveStock</c>'s
/// conditional update, so what a channel shows it can reserve. A channel without settings sells nothing from stock.
/// </summary>
internal sealed class GetChannelAvailabilityHandler(DbSession session) : IRequestHandler<GetChannelAvailability, IReadOnlyList<ChannelAvailability>>
{
    public async Task<IReadOnlyList<ChannelAvailability>> Handle(GetChannelAvailability request, CancellationToken cancellationToken)
    {
        var skus = request.Skus.Distinct().ToList();
        var rules = await ChannelRules.FindAsync(session, request.Channel, cancellationToken);
        if (rules is null || skus.Count == 0) return skus.Select(s => new ChannelAvailability(s, 0)).ToList();

        var sums = new Dictionary<string, int>();
        foreach (var chunk in skus.Chunk(500))
        {
            var rows = await session.QueryAsync<Row>(session.Dialect.Lists(
                """
                SELECT s.sku AS Sku,
                       SUM(CASE WHEN s.on_hand - s.reserved - @Buffer > 0 THEN s.on_hand - s.reserved - @Buffer ELSE 0 END) AS Available
                FROM inventory.stock s
                JOIN inventory.channel_locations cl ON cl.location = s.location AND cl.channel = @Channel
                WHERE s.sku IN @Skus
                GROUP BY s.sku
                """),
                new { Channel = request.Channel, Buffer = rules.SafetyBuffer, Skus = session.Dialect.ListValue(chunk) }, cancellationToken);
            foreach (var r in rows) sums[r.Sku] = (int)r.Available;
        }
        return skus.Select(s => new ChannelAvailability(s, rules.Cap(sums.GetValueOrDefault(s)))).ToList();
    }

    private sealed class Row
    {
        public string Sku { get; set; } = "";
        public long Available { get; set; }
    }
}
