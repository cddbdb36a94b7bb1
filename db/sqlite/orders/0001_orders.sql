-- Orders: one pipeline for store (POS), web and marketplace orders; the quote each order was priced with, its timeline,
-- returns, idempotency keys and webhook signatures seen (replay guard).

CREATE TABLE orders_orders (
    id               INTEGER       PRIMARY KEY AUTOINCREMENT,
    number           TEXT          NOT NULL UNIQUE,
    channel          TEXT          NOT NULL,
    fulfilment       TEXT          NOT NULL CHECK (fulfilment IN ('in_store', 'delivery', 'pickup')),
    status           TEXT          NOT NULL CHECK (status IN ('placed', 'allocated', 'picking', 'shipped', 'ready_for_pickup', 'delivered', 'collected', 'completed', 'cancelled')),
    payment_status   TEXT          NOT NULL CHECK (payment_status IN ('unpaid', 'paid', 'refunded')),
    payment_method   TEXT          CHECK (payment_method IN ('cash', 'card', 'bank_transfer', 'cod', 'marketplace')),
    customer_id      INTEGER,
    location         TEXT          NOT NULL,
    sourcing_reason  TEXT          NOT NULL,
    reservation_id   TEXT,
    currency         TEXT          NOT NULL CHECK (length(currency) = 3),
    subtotal         NUMERIC NOT NULL,
    discount_total   NUMERIC NOT NULL CHECK (discount_total >= 0),
    vat_total        NUMERIC NOT NULL CHECK (vat_total >= 0),
    total            NUMERIC NOT NULL CHECK (total >= 0),
    amount_paid      NUMERIC NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
    refunded_amount  NUMERIC NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
    delivery_address TEXT,
    external_id      TEXT,
    coupon_codes     TEXT,
    quote            TEXT          NOT NULL,
    placed_by        TEXT          NOT NULL,
    placed_at        TEXT   NOT NULL,
    updated_at       TEXT   NOT NULL,
    CONSTRAINT ck_orders_refund_within_paid CHECK (refunded_amount <= amount_paid),
    CONSTRAINT ck_orders_delivery_has_address CHECK (fulfilment <> 'delivery' OR delivery_address IS NOT NULL)
);
CREATE UNIQUE INDEX ux_orders_external ON orders_orders (channel, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ix_orders_placed ON orders_orders (placed_at DESC, id DESC);
CREATE INDEX ix_orders_customer ON orders_orders (customer_id, placed_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX ix_orders_status ON orders_orders (status, placed_at DESC);

CREATE TABLE orders_order_lines (
    order_id          INTEGER        NOT NULL REFERENCES orders_orders (id),
    line_no           INTEGER       NOT NULL CHECK (line_no > 0),
    sku               TEXT          NOT NULL,
    name              TEXT,
    quantity          INTEGER       NOT NULL CHECK (quantity > 0),
    list_unit_price   NUMERIC NOT NULL CHECK (list_unit_price >= 0),
    unit_price        NUMERIC NOT NULL CHECK (unit_price >= 0),
    discount_total    NUMERIC NOT NULL CHECK (discount_total >= 0),
    line_total        NUMERIC NOT NULL CHECK (line_total >= 0),
    vat_rate          INTEGER       NOT NULL CHECK (vat_rate >= 0),
    vat_amount        NUMERIC NOT NULL CHECK (vat_amount >= 0),
    discounts         TEXT          NOT NULL,
    returned_quantity INTEGER       NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT ck_order_lines_returned_within_quantity CHECK (returned_quantity >= 0 AND returned_quantity <= quantity)
);

CREATE TABLE orders_order_events (
    id           INTEGER     PRIMARY KEY AUTOINCREMENT,
    order_id     INTEGER      NOT NULL REFERENCES orders_orders (id),
    action       TEXT        NOT NULL,
    from_status  TEXT,
    to_status    TEXT        NOT NULL,
    actor        TEXT        NOT NULL,
    note         TEXT,
    occurred_at  TEXT NOT NULL
);
CREATE INDEX ix_order_events_order ON orders_order_events (order_id, id);

CREATE TABLE orders_returns (
    id             INTEGER       PRIMARY KEY AUTOINCREMENT,
    number         TEXT          NOT NULL UNIQUE,
    order_id       INTEGER        NOT NULL REFERENCES orders_orders (id),
    channel        TEXT          NOT NULL,
    location       TEXT          NOT NULL,
    refund_amount  NUMERIC NOT NULL CHECK (refund_amount >= 0),
    reason         TEXT,
    actor          TEXT          NOT NULL,
    returned_at    TEXT   NOT NULL
);
CREATE INDEX ix_returns_order ON orders_returns (order_id);

CREATE TABLE orders_return_lines (
    return_id      INTEGER        NOT NULL REFERENCES orders_returns (id),
    line_no        INTEGER       NOT NULL,
    sku            TEXT          NOT NULL,
    quantity       INTEGER       NOT NULL CHECK (quantity > 0),
    restock        INTEGER       NOT NULL,
    refund_amount  NUMERIC NOT NULL CHECK (refund_amount >= 0),
    PRIMARY KEY (return_id, line_no)
);

CREATE TABLE orders_idempotency_keys (
    channel       TEXT        NOT NULL,
    idempotency_key TEXT      NOT NULL,
    request_hash  TEXT        NOT NULL,
    order_id      INTEGER      REFERENCES orders_orders (id),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (channel, idempotency_key)
);

CREATE TABLE orders_webhook_receipts (
    signature    TEXT        PRIMARY KEY,
    channel      TEXT        NOT NULL,
    received_at  TEXT NOT NULL
);
