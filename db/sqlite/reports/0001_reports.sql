-- Reports: closed accounting periods and the files exported when each was closed (served byte for byte afterwards).

CREATE TABLE reports_closed_periods (
    month      TEXT    PRIMARY KEY CHECK (length(month) = 7 AND month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
    closed_at  TEXT    NOT NULL,
    closed_by  TEXT    NOT NULL
);

CREATE TABLE reports_period_files (
    month    TEXT    NOT NULL REFERENCES reports_closed_periods (month),
    report   TEXT    NOT NULL,
    format   TEXT    NOT NULL CHECK (format IN ('csv', 'xlsx')),
    rows     INTEGER NOT NULL CHECK (rows >= 0),
    sha256   TEXT    NOT NULL,
    content  BLOB    NOT NULL,
    PRIMARY KEY (month, report, format)
);
