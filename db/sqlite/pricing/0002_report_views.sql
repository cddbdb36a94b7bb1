-- Pricing's read-only view for the Reports module: the price change audit trail.

CREATE VIEW pricing_report_price_changes AS
SELECT id, kind, sku, channel, subject, currency, old_price, new_price, old_value, new_value, changed_at, changed_by, source
FROM pricing_price_changes;
