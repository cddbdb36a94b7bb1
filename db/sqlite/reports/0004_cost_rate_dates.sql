-- Cost-to-serve rates with effective dates (see the PostgreSQL script). SQLite cannot change a primary key in place:
-- the table is rebuilt with effective_from (yyyy-MM-dd text) in the key.

CREATE TABLE reports_cost_rates_dated (
    rate            TEXT    NOT NULL CHECK (rate IN ('handling_per_order', 'handling_per_line', 'delivery_per_order', 'commission_percent', 'payment_fee_percent')),
    applies_to      TEXT    NOT NULL CHECK (length(applies_to) BETWEEN 1 AND 40),
    value           NUMERIC NOT NULL CHECK (value >= 0),
    updated_at      TEXT    NOT NULL,
    updated_by      TEXT    NOT NULL,
    effective_from  TEXT    NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    PRIMARY KEY (rate, applies_to, effective_from),
    CONSTRAINT ck_cost_rates_percent CHECK (rate NOT IN ('commission_percent', 'payment_fee_percent') OR value <= 100),
    CONSTRAINT ck_cost_rates_fulfilment CHECK (rate NOT IN ('handling_per_order', 'handling_per_line', 'delivery_per_order') OR applies_to IN ('in_store', 'delivery', 'pickup'))
);

INSERT INTO reports_cost_rates_dated (rate, applies_to, value, updated_at, updated_by, effective_from)
SELECT rate, applies_to, value, updated_at, updated_by, '2000-01-01' FROM reports_cost_rates;

DROP TABLE reports_cost_rates;
ALTER TABLE reports_cost_rates_dated RENAME TO reports_cost_rates;
