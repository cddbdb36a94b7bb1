-- Customers: one profile across channels, loyalty points ledger, storefront sessions, carts and wishlists.
CREATE TABLE customers_groups (
    code          TEXT        PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 32 AND code = lower(code)),
    name          TEXT        NOT NULL
);
INSERT INTO customers_groups (code, name) VALUES ('retail', 'Retail'), ('vip', 'VIP'), ('staff', 'Staff'), ('wholesale', 'Wholesale');

-- phone: E.164 (+84…), email: trimmed lower-case; both unique, so one person is one row.
CREATE TABLE customers_customers (
    id               INTEGER     PRIMARY KEY AUTOINCREMENT,
    name             TEXT        NOT NULL,
    phone            TEXT        UNIQUE CHECK (phone GLOB '+84[0-9]*' AND length(phone) BETWEEN 12 AND 13),
    email            TEXT        UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
    group_code       TEXT        NOT NULL DEFAULT 'retail' REFERENCES customers_groups (code),
    tier             TEXT        NOT NULL DEFAULT 'Member' CHECK (tier IN ('Member', 'Silver', 'Gold', 'Platinum')),
    first_channel    TEXT        NOT NULL,
    points_balance   INTEGER      NOT NULL DEFAULT 0 CHECK (points_balance >= 0),
    password_hash    TEXT,
    failed_sign_ins  INTEGER     NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until     TEXT       ,
    merged_into_id   INTEGER      REFERENCES customers_customers (id),
    created_at       TEXT        NOT NULL,
    updated_at       TEXT        NOT NULL,
    CHECK (merged_into_id IS NULL OR (merged_into_id <> id AND phone IS NULL AND email IS NULL AND points_balance = 0 AND password_hash IS NULL))
);
CREATE INDEX ix_customers_merged_into ON customers_customers (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE customers_addresses (
    id            INTEGER     PRIMARY KEY AUTOINCREMENT,
    customer_id   INTEGER      NOT NULL REFERENCES customers_customers (id),
    label         TEXT,
    recipient     TEXT        NOT NULL,
    phone         TEXT,
    line1         TEXT        NOT NULL,
    ward          TEXT,
    district      TEXT,
    province      TEXT        NOT NULL,
    is_default    INTEGER     NOT NULL DEFAULT 0,
    created_at    TEXT        NOT NULL
);
CREATE INDEX ix_addresses_customer ON customers_addresses (customer_id);

-- Marketing consent per channel: an append-only history; the latest row per (customer, channel) is in force.
CREATE TABLE customers_consents (
    id            INTEGER     PRIMARY KEY AUTOINCREMENT,
    customer_id   INTEGER      NOT NULL REFERENCES customers_customers (id),
    channel       TEXT        NOT NULL,
    granted       INTEGER     NOT NULL,
    source        TEXT        NOT NULL,
    recorded_at   TEXT        NOT NULL
);
CREATE INDEX ix_consents_customer ON customers_consents (customer_id, channel, recorded_at);

CREATE TABLE customers_customer_channels (
    customer_id   INTEGER      NOT NULL REFERENCES customers_customers (id),
    channel       TEXT        NOT NULL,
    first_seen_at TEXT        NOT NULL,
    last_seen_at  TEXT        NOT NULL,
    PRIMARY KEY (customer_id, channel)
);

-- Paid orders as the customer module learns them (OrderPaid / OrderReturned): spend, tiers, RFM, CLV.
CREATE TABLE customers_purchases (
    order_id      INTEGER        PRIMARY KEY,
    number        TEXT          NOT NULL,
    customer_id   INTEGER        NOT NULL REFERENCES customers_customers (id),
    channel       TEXT          NOT NULL,
    currency      TEXT          NOT NULL,
    amount        NUMERIC       NOT NULL CHECK (amount >= 0),
    refunded      NUMERIC       NOT NULL DEFAULT 0 CHECK (refunded >= 0),
    points_earned INTEGER       NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
    paid_at       TEXT          NOT NULL
);
CREATE INDEX ix_purchases_customer ON customers_purchases (customer_id, paid_at);

-- The points ledger: the balance on customers_points_balance always equals the sum of a customer's rows.
CREATE TABLE customers_points_ledger (
    id            INTEGER     PRIMARY KEY AUTOINCREMENT,
    customer_id   INTEGER      NOT NULL REFERENCES customers_customers (id),
    kind          TEXT        NOT NULL CHECK (kind IN ('Earn', 'Redeem', 'Restore', 'Expire', 'Reverse', 'Adjust')),
    points        INTEGER     NOT NULL CHECK (points <> 0),
    reference     TEXT        NOT NULL UNIQUE,
    order_id      INTEGER,
    occurred_at   TEXT        NOT NULL,
    CHECK ((kind IN ('Earn', 'Restore') AND points > 0) OR (kind IN ('Redeem', 'Expire', 'Reverse') AND points < 0) OR kind = 'Adjust')
);
CREATE INDEX ix_points_ledger_customer ON customers_points_ledger (customer_id, occurred_at);

CREATE TABLE customers_merges (
    id            INTEGER     PRIMARY KEY AUTOINCREMENT,
    survivor_id   INTEGER      NOT NULL REFERENCES customers_customers (id),
    duplicate_id  INTEGER      NOT NULL REFERENCES customers_customers (id),
    status        TEXT        NOT NULL CHECK (status IN ('Proposed', 'Applied', 'Rejected')),
    reason        TEXT        NOT NULL,
    preview       TEXT        NOT NULL,
    result        TEXT,
    proposed_by   TEXT        NOT NULL,
    proposed_at   TEXT        NOT NULL,
    decided_by    TEXT,
    decided_at    TEXT       ,
    CHECK (survivor_id <> duplicate_id)
);
CREATE UNIQUE INDEX ux_merges_open ON customers_merges (duplicate_id) WHERE status = 'Proposed';

-- Storefront sessions: opaque tokens, stored only as SHA-256 hashes; a refresh revokes the session and opens a new one.
CREATE TABLE customers_sessions (
    id                 INTEGER     PRIMARY KEY AUTOINCREMENT,
    customer_id        INTEGER      NOT NULL REFERENCES customers_customers (id),
    access_hash        TEXT        NOT NULL UNIQUE,
    access_expires_at  TEXT        NOT NULL,
    refresh_hash       TEXT        NOT NULL UNIQUE,
    refresh_expires_at TEXT        NOT NULL,
    created_at         TEXT        NOT NULL,
    revoked_at         TEXT       
);
CREATE INDEX ix_sessions_customer ON customers_sessions (customer_id);

CREATE TABLE customers_carts (
    id             INTEGER     PRIMARY KEY AUTOINCREMENT,
    customer_id    INTEGER      NOT NULL REFERENCES customers_customers (id),
    status         TEXT        NOT NULL CHECK (status IN ('Active', 'CheckedOut')),
    channel        TEXT        NOT NULL,
    created_at     TEXT        NOT NULL,
    updated_at     TEXT        NOT NULL,
    abandoned_at   TEXT       ,
    checked_out_at TEXT       ,
    order_number   TEXT
);
CREATE UNIQUE INDEX ux_carts_active ON customers_carts (customer_id) WHERE status = 'Active';
CREATE INDEX ix_carts_idle ON customers_carts (updated_at) WHERE status = 'Active' AND abandoned_at IS NULL;

CREATE TABLE customers_cart_lines (
    cart_id       INTEGER      NOT NULL REFERENCES customers_carts (id),
    sku           TEXT        NOT NULL,
    quantity      INTEGER     NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    channel       TEXT        NOT NULL,
    added_at      TEXT        NOT NULL,
    PRIMARY KEY (cart_id, sku)
);

CREATE TABLE customers_wishlist_items (
    customer_id   INTEGER        NOT NULL REFERENCES customers_customers (id),
    sku           TEXT          NOT NULL,
    channel       TEXT          NOT NULL,
    added_at      TEXT          NOT NULL,
    seen_price    NUMERIC      ,
    in_stock      boolean,
    PRIMARY KEY (customer_id, sku)
);
CREATE INDEX ix_wishlist_items_sku ON customers_wishlist_items (sku);

-- Last known availability per SKU and location (from StockChanged), to tell "back in stock" from "still in stock".
CREATE TABLE customers_sku_stock (
    sku           TEXT        NOT NULL,
    location      TEXT        NOT NULL,
    available     INTEGER     NOT NULL,
    updated_at    TEXT        NOT NULL,
    PRIMARY KEY (sku, location)
);
