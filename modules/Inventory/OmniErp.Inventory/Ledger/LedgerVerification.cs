using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.Ledger;

/// <summary>
/// For the <c>verify</c> verb: on hand of every stock row equals the sum of its ledger, and reserved equals the sum of
/// its held reservation lines. Each drift is one line naming the row and both figures.
/// </summary>
internal sealed class LedgerVerification(DbSession session) : IVerification
{
    public string Name => "inventory: on hand = sum of ledger, reserved = held reservations";

    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken ct)
    {
        var findings = new List<string>();
        var onHand = await session.QueryAsync<Drift>(
            """
            SELECT COALESCE(s.sku, m.sku) AS Sku, COALESCE(s.location, m.location) AS Location,
                   COALESCE(s.on_hand, 0) AS Recorded, COALESCE(m.total, 0) AS Expected
            FROM inventory.stock s
            FULL OUTER JOIN (SELECT sku, location, SUM(quantity) AS total FROM inventory.movements GROUP BY sku, location) m
              ON m.sku = s.sku AND m.location = s.location
            WHERE COALESCE(s.on_hand, 0) <> COALESCE(m.total, 0)
            ORDER BY 1, 2
            LIMIT 100
            """, ct: ct);
        findings.AddRange(onHand.Select(d => $"{d.Sku} at {d.Location}: on hand {d.Recorded}, ledger sums to {d.Expected}"));

        var reserved = await session.QueryAsync<Drift>(
            """
            SELECT COALESCE(s.sku, h.sku) AS Sku, COALESCE(s.location, h.location) AS Location,
                   COALESCE(s.reserved, 0) AS Recorded, COALESCE(h.total, 0) AS Expected
            FROM inventory.stock s
            FULL OUTER JOIN (
                SELECT l.sku, r.location, SUM(l.quantity) AS total
                FROM inventory.reservation_lines l JOIN inventory.reservations r ON r.id = l.reservation_id
                WHERE r.status = 'Held'
                GROUP BY l.sku, r.location) h
              ON h.sku = s.sku AND h.location = s.location
            WHERE COALESCE(s.reserved, 0) <> COALESCE(h.total, 0)
            ORDER BY 1, 2
            LIMIT 100
            """, ct: ct);
        findings.AddRange(reserved.Select(d => $"{d.Sku} at {d.Location}: reserved {d.Recorded}, held reservations sum to {d.Expected}"));
        return findings;
    }

    private sealed class Drift
    {
        public string Sku { get; set; } = "";
        public string Location { get; set; } = "";
        public long Recorded { get; set; }
        public long Expected { get; set; }
    }
}
