-- Inventory: locations, stock per SKU and location, the movement ledger, reservations, channel settings,
-- weighted average cost, transfers and stock counts. On hand changes only through inventory_movements.


CREATE TABLE inventory_locations (
    code            TEXT             PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 16 AND code = upper(code)),
    name            TEXT             NOT NULL,
    type            TEXT             NOT NULL CHECK (type IN ('Store', 'Warehouse')),
    address         TEXT,
    latitude        REAL             CHECK (latitude BETWEEN -90 AND 90),
    longitude       REAL             CHECK (longitude BETWEEN -180 AND 180),
    opening_hours   TEXT,
    pickup_enabled  INTEGER          NOT NULL DEFAULT 0,
    active          INTEGER          NOT NULL DEFAULT 1,
    CONSTRAINT ck_locations_pickup_only_in_stores CHECK (type = 'Store' OR pickup_enabled = 0)
);

CREATE TABLE inventory_stock (
    sku               TEXT        NOT NULL,
    location          TEXT        NOT NULL REFERENCES inventory_locations (code),
    on_hand           INTEGER     NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved          INTEGER     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    reorder_point     INTEGER     NOT NULL DEFAULT 0 CHECK (reorder_point >= 0),
    reorder_quantity  INTEGER     NOT NULL DEFAULT 0 CHECK (reorder_quantity >= 0),
    updated_at        TEXT        NOT NULL,
    PRIMARY KEY (sku, location),
    CONSTRAINT ck_stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);
CREATE INDEX ix_inventory_stock_location ON inventory_stock (location, sku);

CREATE TABLE inventory_movements (
    id           INTEGER       PRIMARY KEY AUTOINCREMENT,
    sku          TEXT          NOT NULL,
    location     TEXT          NOT NULL REFERENCES inventory_locations (code),
    kind         TEXT          NOT NULL CHECK (kind IN ('Receipt', 'Sale', 'Return', 'Adjustment', 'TransferOut', 'TransferIn', 'CountCorrection')),
    quantity     INTEGER       NOT NULL CHECK (quantity <> 0),
    unit_cost    NUMERIC(18,4) CHECK (unit_cost >= 0),
    reason       TEXT,
    reference    TEXT,
    occurred_at  TEXT          NOT NULL,
    recorded_by  TEXT,
    CONSTRAINT ck_movements_sign CHECK (
        (kind IN ('Receipt', 'Return', 'TransferIn') AND quantity > 0)
        OR (kind IN ('Sale', 'TransferOut') AND quantity < 0)
        OR kind IN ('Adjustment', 'CountCorrection')),
    CONSTRAINT ck_movements_adjustment_reason CHECK (kind NOT IN ('Adjustment', 'CountCorrection') OR reason IS NOT NULL)
);
CREATE INDEX ix_inventory_movements_sku_location ON inventory_movements (sku, location, id);
CREATE INDEX ix_inventory_movements_location_occurred ON inventory_movements (location, occurred_at);

CREATE TABLE inventory_channel_settings (
    channel        TEXT    PRIMARY KEY,
    safety_buffer  INTEGER NOT NULL DEFAULT 0 CHECK (safety_buffer >= 0),
    quota          INTEGER CHECK (quota >= 0)
);

CREATE TABLE inventory_channel_locations (
    channel   TEXT    NOT NULL REFERENCES inventory_channel_settings (channel),
    location  TEXT    NOT NULL REFERENCES inventory_locations (code),
    priority  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (channel, location)
);

CREATE TABLE inventory_reservations (
    id            TEXT        PRIMARY KEY,
    channel       TEXT        NOT NULL,
    location      TEXT        NOT NULL REFERENCES inventory_locations (code),
    reference     TEXT        NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('Held', 'Released', 'Consumed', 'Expired')),
    created_at    TEXT        NOT NULL,
    expires_at    TEXT       ,
    closed_at     TEXT       ,
    close_reason  TEXT,
    CONSTRAINT ck_reservations_closed CHECK ((status = 'Held') = (closed_at IS NULL))
);
CREATE INDEX ix_inventory_reservations_expiry ON inventory_reservations (expires_at) WHERE status = 'Held' AND expires_at IS NOT NULL;
CREATE INDEX ix_inventory_reservations_reference ON inventory_reservations (reference);

CREATE TABLE inventory_reservation_lines (
    reservation_id  TEXT    NOT NULL REFERENCES inventory_reservations (id),
    sku             TEXT    NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, sku)
);

CREATE TABLE inventory_sku_costs (
    sku           TEXT          PRIMARY KEY,
    average_cost  NUMERIC(18,4) NOT NULL CHECK (average_cost >= 0),
    currency      TEXT          NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    updated_at    TEXT          NOT NULL
);

CREATE TABLE inventory_transfers (
    id             INTEGER     PRIMARY KEY AUTOINCREMENT,
    from_location  TEXT        NOT NULL REFERENCES inventory_locations (code),
    to_location    TEXT        NOT NULL REFERENCES inventory_locations (code),
    status         TEXT        NOT NULL CHECK (status IN ('InTransit', 'Received')),
    note           TEXT,
    shipped_at     TEXT        NOT NULL,
    shipped_by     TEXT        NOT NULL,
    received_at    TEXT       ,
    received_by    TEXT,
    CONSTRAINT ck_transfers_two_locations CHECK (from_location <> to_location),
    CONSTRAINT ck_transfers_received CHECK ((status = 'Received') = (received_at IS NOT NULL))
);
CREATE INDEX ix_inventory_transfers_status ON inventory_transfers (status, shipped_at);

CREATE TABLE inventory_transfer_lines (
    transfer_id  INTEGER NOT NULL REFERENCES inventory_transfers (id),
    sku          TEXT    NOT NULL,
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (transfer_id, sku)
);

CREATE TABLE inventory_stock_counts (
    id          INTEGER     PRIMARY KEY AUTOINCREMENT,
    location    TEXT        NOT NULL REFERENCES inventory_locations (code),
    status      TEXT        NOT NULL CHECK (status IN ('Open', 'Posted')),
    note        TEXT,
    started_at  TEXT        NOT NULL,
    started_by  TEXT        NOT NULL,
    posted_at   TEXT       ,
    posted_by   TEXT,
    CONSTRAINT ck_stock_counts_posted CHECK ((status = 'Posted') = (posted_at IS NOT NULL))
);

CREATE TABLE inventory_stock_count_lines (
    count_id  INTEGER NOT NULL REFERENCES inventory_stock_counts (id),
    sku       TEXT    NOT NULL,
    counted   INTEGER CHECK (counted >= 0),
    expected  INTEGER CHECK (expected >= 0),
    variance  integer,
    PRIMARY KEY (count_id, sku)
);
