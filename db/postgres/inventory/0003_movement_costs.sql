-- Sale and Return movements carry the unit cost at the moment they were posted (the SKU's weighted average cost then),
-- so cost of goods sold is a sum over the ledger instead of a replay of it. From now on StockLedger writes it; this
-- script costs the rows written before: the average replayed from the ledger in movement order with Inventory's rule
-- (a receipt with a cost moves the average, 4 places; every other movement keeps it; on hand over all locations),
-- which is the figure the COGS report computed for them until now.
CREATE SCHEMA IF NOT EXISTS inventory;

UPDATE inventory.movements AS m SET unit_cost = f.average_cost
FROM (
    WITH RECURSIVE ordered AS MATERIALIZED (
        SELECT id, sku, kind, CAST(quantity AS bigint) AS quantity, CAST(unit_cost AS numeric) AS unit_cost,
               ROW_NUMBER() OVER (PARTITION BY sku ORDER BY id) AS rn
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
    SELECT o.id, w.average_cost
    FROM walk w JOIN ordered o ON o.sku = w.sku AND o.rn = w.rn
) AS f
WHERE m.id = f.id AND m.kind IN ('Sale', 'Return') AND m.unit_cost IS NULL AND f.average_cost IS NOT NULL;
