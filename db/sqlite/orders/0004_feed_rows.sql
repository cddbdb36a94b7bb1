-- The marketplace feed rows last pushed per channel: a change of price or availability against these becomes a
-- MarketplaceFeedChanged outbox event for the push adapter.
CREATE TABLE orders_feed_rows (
    channel      TEXT    NOT NULL,
    sku          TEXT    NOT NULL,
    currency     TEXT    NOT NULL CHECK (length(currency) = 3),
    price        NUMERIC NOT NULL CHECK (price >= 0),
    available    INTEGER NOT NULL CHECK (available >= 0),
    changed_at   TEXT    NOT NULL,
    PRIMARY KEY (channel, sku)
);
