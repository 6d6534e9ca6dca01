-- 0001: bills, their versions, the original files and the provision trees.
-- Shipped migrations are never edited; add a new numbered file instead.

CREATE TABLE bills (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    lang            TEXT,
    translation_of  INTEGER REFERENCES bills(id) ON DELETE SET NULL,
    illustrative    INTEGER NOT NULL DEFAULT 0,
    note            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per original file kept under sources/<sha256>.
CREATE TABLE sources (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    file_name   TEXT,
    stored_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE versions (
    id              INTEGER PRIMARY KEY,
    bill_id         INTEGER NOT NULL REFERENCES bills(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    label           TEXT NOT NULL,
    date            TEXT,
    stage           TEXT,
    lang            TEXT NOT NULL,
    provenance      TEXT NOT NULL CHECK (provenance IN ('official', 'leaked', 'translation', 'unofficial')),
    format          TEXT NOT NULL,
    source_sha256   TEXT NOT NULL UNIQUE REFERENCES sources(sha256),
    report          TEXT NOT NULL DEFAULT '[]',
    imported_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (bill_id, seq),
    UNIQUE (bill_id, label)
);

-- The provision tree, flattened in document order.
CREATE TABLE provisions (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    parent_id   INTEGER REFERENCES provisions(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    depth       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    eid         TEXT NOT NULL,
    num         TEXT,
    num_value   TEXT,
    heading     TEXT,
    text        TEXT NOT NULL,
    is_clause   INTEGER NOT NULL,
    UNIQUE (version_id, ord),
    UNIQUE (version_id, eid)
);
CREATE INDEX provisions_parent ON provisions(parent_id);
CREATE INDEX provisions_clauses ON provisions(version_id, is_clause, num_value);
