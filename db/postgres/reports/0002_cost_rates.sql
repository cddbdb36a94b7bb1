-- Reports: the configurable costs of serving an order (cost-to-serve report). One row per rate and what it applies to:
-- handling_per_order / handling_per_line / delivery_per_order by fulfilment (in_store, delivery, pickup), in VND;
-- commission_percent by channel code; payment_fee_percent by payment method (cash, card, bank_transfer, cod, marketplace).
-- A missing row costs nothing.
CREATE SCHEMA IF NOT EXISTS reports;

CREATE TABLE reports.cost_rates (
    rate        text          NOT NULL CHECK (rate IN ('handling_per_order', 'handling_per_line', 'delivery_per_order', 'commission_percent', 'payment_fee_percent')),
    applies_to  text          NOT NULL CHECK (length(applies_to) BETWEEN 1 AND 40),
    value       numeric(18,4) NOT NULL CHECK (value >= 0),
    updated_at  timestamptz   NOT NULL,
    updated_by  text          NOT NULL,
    PRIMARY KEY (rate, applies_to),
    CONSTRAINT ck_cost_rates_percent CHECK (rate NOT IN ('commission_percent', 'payment_fee_percent') OR value <= 100),
    CONSTRAINT ck_cost_rates_fulfilment CHECK (rate NOT IN ('handling_per_order', 'handling_per_line', 'delivery_per_order') OR applies_to IN ('in_store', 'delivery', 'pickup'))
);

INSERT INTO reports.cost_rates (rate, applies_to, value, updated_at, updated_by) VALUES
    ('handling_per_order', 'in_store', 0, '2026-01-01T00:00:00Z', 'migration'),
    ('handling_per_order', 'delivery', 8000, '2026-01-01T00:00:00Z', 'migration'),
    ('handling_per_order', 'pickup', 6000, '2026-01-01T00:00:00Z', 'migration'),
    ('handling_per_line', 'in_store', 0, '2026-01-01T00:00:00Z', 'migration'),
    ('handling_per_line', 'delivery', 1500, '2026-01-01T00:00:00Z', 'migration'),
    ('handling_per_line', 'pickup', 1500, '2026-01-01T00:00:00Z', 'migration'),
    ('delivery_per_order', 'delivery', 30000, '2026-01-01T00:00:00Z', 'migration'),
    ('payment_fee_percent', 'card', 1.8, '2026-01-01T00:00:00Z', 'migration'),
    ('payment_fee_percent', 'cod', 1, '2026-01-01T00:00:00Z', 'migration'),
    ('payment_fee_percent', 'bank_transfer', 0, '2026-01-01T00:00:00Z', 'migration'),
    ('payment_fee_percent', 'cash', 0, '2026-01-01T00:00:00Z', 'migration'),
    ('payment_fee_percent', 'marketplace', 0, '2026-01-01T00:00:00Z', 'migration');
