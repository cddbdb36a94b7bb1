-- Reports: background exports, shared by every instance (see the PostgreSQL script): job state and the file in chunks.

CREATE TABLE reports_export_jobs (
    id           TEXT    PRIMARY KEY CHECK (length(id) = 32),
    owner        TEXT    NOT NULL,
    report       TEXT    NOT NULL,
    format       TEXT    NOT NULL CHECK (format IN ('csv', 'xlsx')),
    date_from    TEXT    NOT NULL CHECK (length(date_from) = 10),
    date_to      TEXT    NOT NULL CHECK (length(date_to) = 10),
    channel      TEXT,
    store        TEXT,
    category     TEXT,
    file_name    TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('Counting', 'Running', 'Done', 'Failed')),
    total        INTEGER CHECK (total >= 0),
    rows         INTEGER NOT NULL DEFAULT 0 CHECK (rows >= 0),
    bytes        INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
    chunks       INTEGER NOT NULL DEFAULT 0 CHECK (chunks >= 0),
    error        TEXT,
    instance     TEXT    NOT NULL,
    started_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    finished_at  TEXT,
    CONSTRAINT ck_export_jobs_finished CHECK ((status IN ('Done', 'Failed')) = (finished_at IS NOT NULL))
);
CREATE INDEX ix_export_jobs_started ON reports_export_jobs (started_at);

CREATE TABLE reports_export_chunks (
    job_id   TEXT    NOT NULL REFERENCES reports_export_jobs (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL CHECK (seq >= 0),
    content  BLOB    NOT NULL,
    PRIMARY KEY (job_id, seq)
);
