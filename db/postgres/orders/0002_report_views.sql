-- Orders' read-only views for the Reports module: orders, their lines (with the order's channel, store and time),
-- and returns.
CREATE SCHEMA IF NOT EXISTS orders;

CREATE VIEW orders.report_orders AS
SELECT id, number, channel, fulfilment, status, payment_status, location, customer_id, currency,
       subtotal, discount_total, vat_total, total, refunded_amount, placed_at
FROM orders.orders;

CREATE VIEW orders.report_sales_lines AS
SELECT o.id AS order_id, o.number, o.channel, o.fulfilment, o.status, o.location, o.placed_at,
       l.line_no, l.sku, l.name, l.quantity, l.list_unit_price, l.unit_price, l.discount_total, l.line_total,
       l.vat_rate, l.vat_amount, l.returned_quantity
FROM orders.order_lines l
JOIN orders.orders o ON o.id = l.order_id;

CREATE VIEW orders.report_returns AS
SELECT r.id, r.number, r.order_id, o.number AS order_number, r.channel, r.location, r.refund_amount, r.reason, r.returned_at
FROM orders.returns r
JOIN orders.orders o ON o.id = r.order_id;
