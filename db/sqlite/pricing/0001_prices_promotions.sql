-- Pricing: base prices (VAT-inclusive, store currency), channel overrides within each channel's policy, schedules,
-- customer group/tier prices, quantity breaks, promotions and coupons, and the audit of every change.
CREATE TABLE pricing_channel_policies (
    channel           TEXT    NOT NULL PRIMARY KEY,
    max_up_percent    NUMERIC NOT NULL CHECK (max_up_percent >= 0 AND max_up_percent <= 100),
    max_down_percent  NUMERIC NOT NULL CHECK (max_down_percent >= 0 AND max_down_percent <= 100)
);

CREATE TABLE pricing_base_prices (
    sku         TEXT    NOT NULL PRIMARY KEY,
    currency    TEXT    NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    price       NUMERIC NOT NULL CHECK (price >= 0),
    key_item    INTEGER NOT NULL DEFAULT 0 CHECK (key_item IN (0, 1)),
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE INDEX ix_base_prices_key_item ON pricing_base_prices (sku) WHERE key_item = 1;

CREATE TABLE pricing_channel_prices (
    sku         TEXT    NOT NULL REFERENCES pricing_base_prices (sku) ON DELETE CASCADE,
    channel     TEXT    NOT NULL,
    price       NUMERIC NOT NULL CHECK (price >= 0),
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL,
    PRIMARY KEY (sku, channel)
);

CREATE TABLE pricing_scheduled_prices (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    sku         TEXT    NOT NULL REFERENCES pricing_base_prices (sku) ON DELETE CASCADE,
    channel     TEXT,
    price       NUMERIC NOT NULL CHECK (price >= 0),
    valid_from  TEXT    NOT NULL,
    valid_to    TEXT    CHECK (valid_to IS NULL OR valid_to > valid_from),
    note        TEXT,
    created_at  TEXT    NOT NULL,
    created_by  TEXT    NOT NULL
);
CREATE INDEX ix_scheduled_prices_sku ON pricing_scheduled_prices (sku, valid_from);

CREATE TABLE pricing_segment_prices (
    sku      TEXT    NOT NULL REFERENCES pricing_base_prices (sku) ON DELETE CASCADE,
    segment  TEXT    NOT NULL CHECK ((segment LIKE 'group:_%' OR segment LIKE 'tier:_%') AND segment = lower(segment)),
    price    NUMERIC NOT NULL CHECK (price >= 0),
    PRIMARY KEY (sku, segment)
);

CREATE TABLE pricing_quantity_breaks (
    sku           TEXT    NOT NULL REFERENCES pricing_base_prices (sku) ON DELETE CASCADE,
    min_quantity  INTEGER NOT NULL CHECK (min_quantity >= 2),
    unit_price    NUMERIC NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (sku, min_quantity)
);

CREATE TABLE pricing_promotions (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    code             TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 32 AND code NOT GLOB '*[^A-Z0-9_-]*'),
    name             TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind             TEXT    NOT NULL CHECK (kind IN ('PercentOff', 'AmountOff', 'BuyXGetY')),
    target           TEXT    NOT NULL CHECK (target IN ('Sku', 'Category', 'Order')),
    target_code      TEXT,
    value            NUMERIC NOT NULL CHECK (value >= 0),
    buy_quantity     INTEGER NOT NULL DEFAULT 0 CHECK (buy_quantity >= 0),
    get_quantity     INTEGER NOT NULL DEFAULT 0 CHECK (get_quantity >= 0),
    min_subtotal     NUMERIC NOT NULL DEFAULT 0 CHECK (min_subtotal >= 0),
    stacking         TEXT    NOT NULL CHECK (stacking IN ('Stackable', 'Exclusive')),
    priority         INTEGER NOT NULL DEFAULT 100,
    channels         TEXT    NOT NULL DEFAULT '',
    valid_from       TEXT,
    valid_to         TEXT,
    requires_coupon  INTEGER NOT NULL DEFAULT 0 CHECK (requires_coupon IN (0, 1)),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    CHECK (kind <> 'PercentOff' OR value <= 100),
    CHECK ((target = 'Order') = (target_code IS NULL)),
    CHECK (kind <> 'BuyXGetY' OR (buy_quantity >= 1 AND get_quantity >= 1 AND target <> 'Order')),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);

CREATE TABLE pricing_coupons (
    code          TEXT    NOT NULL PRIMARY KEY CHECK (length(code) BETWEEN 3 AND 32 AND code NOT GLOB '*[^A-Z0-9_-]*'),
    promotion_id  INTEGER NOT NULL REFERENCES pricing_promotions (id) ON DELETE CASCADE,
    usage_limit   INTEGER CHECK (usage_limit IS NULL OR usage_limit > 0),
    used_count    INTEGER NOT NULL DEFAULT 0,
    CHECK (used_count >= 0 AND (usage_limit IS NULL OR used_count <= usage_limit))
);
CREATE INDEX ix_coupons_promotion_id ON pricing_coupons (promotion_id);

-- One row per coupon use, so redeeming the same order again counts nothing.
CREATE TABLE pricing_coupon_redemptions (
    code             TEXT NOT NULL REFERENCES pricing_coupons (code) ON DELETE CASCADE,
    order_reference  TEXT NOT NULL,
    redeemed_at      TEXT NOT NULL,
    PRIMARY KEY (code, order_reference)
);

-- Every price and promotion change: who, when, before, after. "The price as of T" is the last row at or before T.
CREATE TABLE pricing_price_changes (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL CHECK (kind IN ('Base', 'Channel', 'Scheduled', 'KeyItem', 'Promotion', 'Segment', 'QuantityBreak', 'Coupon', 'Policy')),
    sku         TEXT,
    channel     TEXT,
    subject     TEXT,
    currency    TEXT,
    old_price   NUMERIC,
    new_price   NUMERIC,
    old_value   TEXT,
    new_value   TEXT,
    changed_at  TEXT    NOT NULL,
    changed_by  TEXT    NOT NULL,
    source      TEXT    NOT NULL
);
CREATE INDEX ix_price_changes_sku ON pricing_price_changes (sku, channel, changed_at);
CREATE INDEX ix_price_changes_changed_at ON pricing_price_changes (changed_at);
