using OmniErp.Kernel.Data;

namespace OmniErp.Inventory.Channels;

/// <summary>
/// What a channel may sell from: its locations, the units it leaves untouched at each (safety buffer) and the most it
/// shows or takes of one SKU (quota). Data in <c>inventory.channel_settings</c> and <c>inventory.channel_locations</c>.
/// </summary>
internal sealed record ChannelRules(string Channel, int SafetyBuffer, int? Quota, IReadOnlyList<string> Locations)
{
    /// <summary>What the channel sees of one stock row: available above the buffer, never negative.</summary>
    public int Sellable(int onHand, int reserved) => Math.Max(0, onHand - reserved - SafetyBuffer);

    public int Cap(int available) => Quota is { } q ? Math.Min(q, available) : available;

    public static async Task<ChannelRules?> FindAsync(DbSession session, string channel, CancellationToken ct)
    {
        var rows = (await session.QueryAsync<Row>(
            """
            SELECT cs.safety_buffer AS SafetyBuffer, cs.quota AS Quota, cl.location AS Location
            FROM inventory.channel_settings cs
            LEFT JOIN inventory.channel_locations cl ON cl.channel = cs.channel
            WHERE cs.channel = @Channel
            ORDER BY cl.priority, cl.location
            """,
            new { Channel = channel }, ct)).ToList();
        if (rows.Count == 0) return null;
        return new ChannelRules(channel, rows[0].SafetyBuffer, rows[0].Quota, rows.Where(r => r.Location is not null).Select(r => r.Location!).ToList());
    }

    private sealed class Row
    {
        public int SafetyBuffer { get; set; }
        public int? Quota { get; set; }
        public string? Location { get; set; }
    }
}
