-- More read-only views for the Reports module (added by Reports; owned by Orders): returned lines with restock or
-- write-off and their refunds (returns report, category filter on refunds), and each order's payment method (payment
-- fees in cost-to-serve). Numbered 0009 so it cannot collide with Orders' own next scripts.
CREATE SCHEMA IF NOT EXISTS orders;

CREATE VIEW orders.report_return_lines AS
SELECT r.id AS return_id, r.number, r.order_id, o.number AS order_number, o.channel AS order_channel, r.channel, r.location,
       r.reason, r.returned_at, rl.line_no, rl.sku, rl.quantity, rl.restock, rl.refund_amount
FROM orders.return_lines rl
JOIN orders.returns r ON r.id = rl.return_id
JOIN orders.orders o ON o.id = r.order_id;

CREATE VIEW orders.report_order_payments AS
SELECT id AS order_id, payment_method, amount_paid
FROM orders.orders;
