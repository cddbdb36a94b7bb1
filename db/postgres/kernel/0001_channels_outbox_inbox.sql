-- Kernel: sales channels, the transactional outbox and the consumers' inbox.
CREATE SCHEMA IF NOT EXISTS kernel;

CREATE TABLE kernel.channels (
    code          text        PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{1,31}$'),
    name          text        NOT NULL,
    type          text        NOT NULL CHECK (type IN ('Store', 'Web', 'Marketplace')),
    api_key_hash  text        UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kernel.outbox (
    id            text        PRIMARY KEY,
    type          text        NOT NULL,
    payload       text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    locked_by     text,
    locked_until  timestamptz,
    processed_at  timestamptz,
    last_error    text
);
CREATE INDEX ix_outbox_pending ON kernel.outbox (occurred_at, id) WHERE processed_at IS NULL;

CREATE TABLE kernel.inbox (
    message_id    text        NOT NULL,
    handler       text        NOT NULL,
    processed_at  timestamptz NOT NULL,
    PRIMARY KEY (message_id, handler)
);
