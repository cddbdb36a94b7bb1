-- Reports: background exports, shared by every instance behind the load balancer. A job's file is stored in the
-- database in chunks of about 1 MB (written as the export streams, read back one chunk at a time on download), so
-- no shared file storage is needed and any instance can show progress and serve the file. Jobs and their files are
-- deleted a day after they started.
CREATE SCHEMA IF NOT EXISTS reports;

CREATE TABLE reports.export_jobs (
    id           text        PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
    owner        text        NOT NULL,
    report       text        NOT NULL,
    format       text        NOT NULL CHECK (format IN ('csv', 'xlsx')),
    date_from    text        NOT NULL CHECK (date_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    date_to      text        NOT NULL CHECK (date_to ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    channel      text,
    store        text,
    category     text,
    file_name    text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('Counting', 'Running', 'Done', 'Failed')),
    total        bigint      CHECK (total >= 0),
    rows         bigint      NOT NULL DEFAULT 0 CHECK (rows >= 0),
    bytes        bigint      NOT NULL DEFAULT 0 CHECK (bytes >= 0),
    chunks       integer     NOT NULL DEFAULT 0 CHECK (chunks >= 0),
    error        text,
    instance     text        NOT NULL,
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    CONSTRAINT ck_export_jobs_finished CHECK ((status IN ('Done', 'Failed')) = (finished_at IS NOT NULL))
);
CREATE INDEX ix_export_jobs_started ON reports.export_jobs (started_at);

CREATE TABLE reports.export_chunks (
    job_id   text    NOT NULL REFERENCES reports.export_jobs (id) ON DELETE CASCADE,
    seq      integer NOT NULL CHECK (seq >= 0),
    content  bytea   NOT NULL,
    PRIMARY KEY (job_id, seq)
);
