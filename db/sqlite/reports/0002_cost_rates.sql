-- Reports: the configurable costs of serving an order (cost-to-serve report). See the PostgreSQL script.

CREATE TABLE reports_cost_rates (
    rate        TEXT    NOT NULL CHECK (rate IN ('handling_per_order', 'handling_per_line', 'delivery_per_order', 'commission_percent', 'payment_fee_percent')),
    applies_to  TEXT    NOT NULL CHECK (length(applies_to) BETWEEN 1 AND 40),
    value       NUMERIC NOT NULL CHECK (value >= 0),
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL,
    PRIMARY KEY (rate, applies_to),
    CONSTRAINT ck_cost_rates_percent CHECK (rate NOT IN ('commission_percent', 'payment_fee_percent') OR value <= 100),
    CONSTRAINT ck_cost_rates_fulfilment CHECK (rate NOT IN ('handling_per_order', 'handling_per_line', 'delivery_per_order') OR applies_to IN ('in_store', 'delivery', 'pickup'))
);

INSERT INTO reports_cost_rates (rate, applies_to, value, updated_at, updated_by) VALUES
    ('handling_per_order', 'in_store', 0, '2026-01-01 00:00:00+00:00', 'migration'),
    ('handling_per_order', 'delivery', 8000, '2026-01-01 00:00:00+00:00', 'migration'),
    ('handling_per_order', 'pickup', 6000, '2026-01-01 00:00:00+00:00', 'migration'),
    ('handling_per_line', 'in_store', 0, '2026-01-01 00:00:00+00:00', 'migration'),
    ('handling_per_line', 'delivery', 1500, '2026-01-01 00:00:00+00:00', 'migration'),
    ('handling_per_line', 'pickup', 1500, '2026-01-01 00:00:00+00:00', 'migration'),
    ('delivery_per_order', 'delivery', 30000, '2026-01-01 00:00:00+00:00', 'migration'),
    ('payment_fee_percent', 'card', 1.8, '2026-01-01 00:00:00+00:00', 'migration'),
    ('payment_fee_percent', 'cod', 1, '2026-01-01 00:00:00+00:00', 'migration'),
    ('payment_fee_percent', 'bank_transfer', 0, '2026-01-01 00:00:00+00:00', 'migration'),
    ('payment_fee_percent', 'cash', 0, '2026-01-01 00:00:00+00:00', 'migration'),
    ('payment_fee_percent', 'marketplace', 0, '2026-01-01 00:00:00+00:00', 'migration');
