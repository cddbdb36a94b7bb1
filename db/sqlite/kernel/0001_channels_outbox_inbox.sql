-- Kernel: sales channels, the transactional outbox and the consumers' inbox.
CREATE TABLE kernel_channels (
    code          TEXT NOT NULL PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 32 AND code = lower(code)),
    name          TEXT NOT NULL,
    type          TEXT NOT NULL CHECK (type IN ('Store', 'Web', 'Marketplace')),
    api_key_hash  TEXT UNIQUE,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'))
);

CREATE TABLE kernel_outbox (
    id            TEXT    NOT NULL PRIMARY KEY,
    type          TEXT    NOT NULL,
    payload       TEXT    NOT NULL,
    occurred_at   TEXT    NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    locked_by     TEXT,
    locked_until  TEXT,
    processed_at  TEXT,
    last_error    TEXT
);
CREATE INDEX ix_outbox_pending ON kernel_outbox (occurred_at, id) WHERE processed_at IS NULL;

CREATE TABLE kernel_inbox (
    message_id    TEXT NOT NULL,
    handler       TEXT NOT NULL,
    processed_at  TEXT NOT NULL,
    PRIMARY KEY (message_id, handler)
);
