-- Cost-to-serve rates with effective dates: a rate applies from a business day (Vietnam) until the next row of the
-- same rate and target; an order is costed with the rates in force on the day it was placed. The rates set so far
-- apply from the beginning (2000-01-01), so past orders keep the cost they had.
CREATE SCHEMA IF NOT EXISTS reports;

ALTER TABLE reports.cost_rates ADD COLUMN effective_from date NOT NULL DEFAULT DATE '2000-01-01';
ALTER TABLE reports.cost_rates ALTER COLUMN effective_from DROP DEFAULT;
ALTER TABLE reports.cost_rates DROP CONSTRAINT cost_rates_pkey;
ALTER TABLE reports.cost_rates ADD PRIMARY KEY (rate, applies_to, effective_from);
