-- Inventory's read-only views for the Reports module: the movement ledger with its location, and stock with cost.

CREATE VIEW inventory_report_movements AS
SELECT m.id, m.occurred_at, m.sku, m.location, l.name AS location_name, l.type AS location_type,
       m.kind, m.quantity, m.unit_cost, m.reason, m.reference, m.recorded_by
FROM inventory_movements m
JOIN inventory_locations l ON l.code = m.location;

CREATE VIEW inventory_report_stock AS
SELECT s.sku, s.location, l.name AS location_name, l.type AS location_type, s.on_hand, s.reserved,
       s.reorder_point, s.reorder_quantity, c.average_cost, c.currency
FROM inventory_stock s
JOIN inventory_locations l ON l.code = s.location
LEFT JOIN inventory_sku_costs c ON c.sku = s.sku;

CREATE VIEW inventory_report_locations AS
SELECT code, name, type, active FROM inventory_locations;
