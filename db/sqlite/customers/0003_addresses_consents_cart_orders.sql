-- Consents record who took them down (a staff user, 'customer' for self-service, 'import'/'system'); at most one
-- default address per customer; and the orders whose bought units already left a cart (OrderPlaced handled once).
ALTER TABLE customers_consents ADD COLUMN recorded_by TEXT NOT NULL DEFAULT 'system';

CREATE UNIQUE INDEX ux_addresses_default ON customers_addresses (customer_id) WHERE is_default = 1;

CREATE TABLE customers_cart_orders (
    order_id      INTEGER     PRIMARY KEY,
    number        TEXT        NOT NULL,
    customer_id   INTEGER     NOT NULL REFERENCES customers_customers (id),
    channel       TEXT        NOT NULL,
    cart_id       INTEGER     REFERENCES customers_carts (id),
    units_removed INTEGER     NOT NULL CHECK (units_removed >= 0),
    handled_at    TEXT        NOT NULL
);
