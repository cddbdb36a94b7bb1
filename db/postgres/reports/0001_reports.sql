-- Reports: closed accounting periods and the files exported when each was closed (served byte for byte afterwards).
CREATE SCHEMA IF NOT EXISTS reports;

CREATE TABLE reports.closed_periods (
    month      text        PRIMARY KEY CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    closed_at  timestamptz NOT NULL,
    closed_by  text        NOT NULL
);

CREATE TABLE reports.period_files (
    month    text    NOT NULL REFERENCES reports.closed_periods (month),
    report   text    NOT NULL,
    format   text    NOT NULL CHECK (format IN ('csv', 'xlsx')),
    rows     bigint  NOT NULL CHECK (rows >= 0),
    sha256   text    NOT NULL,
    content  bytea   NOT NULL,
    PRIMARY KEY (month, report, format)
);
