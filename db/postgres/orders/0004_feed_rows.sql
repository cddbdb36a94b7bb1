-- The marketplace feed rows last pushed per channel: a change of price or availability against these becomes a
-- MarketplaceFeedChanged outbox event for the push adapter.
CREATE TABLE orders.feed_rows (
    channel      text          NOT NULL,
    sku          text          NOT NULL,
    currency     text          NOT NULL CHECK (length(currency) = 3),
    price        numeric(18,4) NOT NULL CHECK (price >= 0),
    available    integer       NOT NULL CHECK (available >= 0),
    changed_at   timestamptz   NOT NULL,
    PRIMARY KEY (channel, sku)
);
