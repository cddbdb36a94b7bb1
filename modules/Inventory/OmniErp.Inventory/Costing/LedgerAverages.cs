namespace OmniErp.Inventory.Costing;

/// <summary>
/// The weighted average cost replayed over the ledger in movement order with <see cref="AverageCost"/>'s rule, in SQL
/// for both databases: a receipt with a cost moves the SKU's average to (on hand × average + q × c) / (on hand + q),
/// 4 places (its own cost when nothing was on hand); every other movement keeps it; on hand is over all locations.
/// <c>replayed</c> gives each movement's id with the average as it stood at that movement.
/// Used by the demo seed (so the perpetual cost it stores is the ledger's own) and mirrored by the script that costed
/// the Sale and Return rows written before they carried their cost (<c>0003_movement_costs.sql</c>).
/// </summary>
internal static class LedgerAverages
{
    public const string Replayed =
        """
        WITH RECURSIVE ordered AS MATERIALIZED (
            SELECT id, sku, kind, CAST(quantity AS bigint) AS quantity, CAST(unit_cost AS numeric) AS unit_cost,
                   ROW_NUMBER() OVER (PARTITION BY sku ORDER BY id) AS rn,
                   COUNT(*) OVER (PARTITION BY sku) AS movements
            FROM inventory.movements),
        walk (sku, rn, on_hand, average_cost) AS (
            SELECT sku, rn, quantity, CASE WHEN kind = 'Receipt' THEN unit_cost END
            FROM ordered WHERE rn = 1
            UNION ALL
            SELECT o.sku, o.rn, w.on_hand + o.quantity,
                   CASE WHEN o.kind <> 'Receipt' OR o.unit_cost IS NULL THEN w.average_cost
                        WHEN w.average_cost IS NULL OR w.on_hand <= 0 OR w.on_hand + o.quantity = 0 THEN o.unit_cost
                        ELSE CAST(ROUND((w.on_hand * w.average_cost + o.quantity * o.unit_cost) * 1.0 / (w.on_hand + o.quantity), 4) AS numeric) END
            FROM walk w JOIN ordered o ON o.sku = w.sku AND o.rn = w.rn + 1)
        SELECT o.id, o.sku, o.kind, o.rn, o.movements, w.average_cost
        FROM walk w JOIN ordered o ON o.sku = w.sku AND o.rn = w.rn
        """;

    /// <summary>Sets each SKU's perpetual average cost to the average its ledger replays to.</summary>
    public const string SetPerpetualFromLedger =
        $"""
        UPDATE inventory.sku_costs AS c SET average_cost = f.average_cost
        FROM ({Replayed}) AS f
        WHERE c.sku = f.sku AND f.rn = f.movements AND f.average_cost IS NOT NULL
        """;
}
