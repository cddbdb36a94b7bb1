-- Consents record who took them down (a staff user, 'customer' for self-service, 'import'/'system'); at most one
-- default address per customer; and the orders whose bought units already left a cart (OrderPlaced handled once).
ALTER TABLE customers.consents ADD COLUMN recorded_by text NOT NULL DEFAULT 'system';

CREATE UNIQUE INDEX ux_addresses_default ON customers.addresses (customer_id) WHERE is_default;

CREATE TABLE customers.cart_orders (
    order_id      bigint      PRIMARY KEY,
    number        text        NOT NULL,
    customer_id   bigint      NOT NULL REFERENCES customers.customers (id),
    channel       text        NOT NULL,
    cart_id       bigint      REFERENCES customers.carts (id),
    units_removed integer     NOT NULL CHECK (units_removed >= 0),
    handled_at    timestamptz NOT NULL
);
