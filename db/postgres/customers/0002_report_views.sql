-- Customers' read-only views for the Reports module: the points ledger, the channels each customer bought on,
-- and paid purchases (the loyalty record of each paid order).
CREATE SCHEMA IF NOT EXISTS customers;

CREATE VIEW customers.report_points AS
SELECT l.id, l.customer_id, c.name AS customer_name, c.tier, l.kind, l.points, l.reference, l.order_id, l.occurred_at
FROM customers.points_ledger l
JOIN customers.customers c ON c.id = l.customer_id;

CREATE VIEW customers.report_customer_channels AS
SELECT cc.customer_id, cc.channel, cc.first_seen_at, cc.last_seen_at
FROM customers.customer_channels cc
JOIN customers.customers c ON c.id = cc.customer_id
WHERE c.merged_into_id IS NULL;

CREATE VIEW customers.report_purchases AS
SELECT order_id, number, customer_id, channel, currency, amount, refunded, points_earned, paid_at
FROM customers.purchases;
