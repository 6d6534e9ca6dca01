-- 0003: rights-impact annotations, their history and replies; organisations;
-- user entries of the rights taxonomy (the built-in entries are data, see
-- data/rights.json).
--
-- Every annotation, reply and organisation has a `uid` (random, 128 bits, hex)
-- that identifies it across workspaces, so a coalition bundle merges without
-- duplicates.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    short_name  TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    name_km     TEXT,
    contact     TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Rights added by users; the built-in ones are not stored.
CREATE TABLE rights (
    id          TEXT PRIMARY KEY,
    label_en    TEXT NOT NULL,
    label_km    TEXT NOT NULL DEFAULT '',
    refs        TEXT NOT NULL DEFAULT '[]',   -- JSON array of references
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE annotations (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    bill_id         INTEGER NOT NULL REFERENCES bills(id) ON DELETE CASCADE,
    lineage         TEXT NOT NULL,
    -- Where it stands now: the version and clause it is placed on (the clause
    -- is NULL once orphaned), how it got there and how sure we are.
    version_id      INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    provision_id    INTEGER REFERENCES provisions(id) ON DELETE SET NULL,
    anchor          TEXT NOT NULL CHECK (anchor IN ('placed', 'moved', 'needs_review', 'orphaned')),
    anchor_score    REAL NOT NULL DEFAULT 1.0,
    anchor_note     TEXT,
    -- W3C selectors: TextQuoteSelector (exact, prefix, suffix) and
    -- TextPositionSelector (start, end: code points in the clause text).
    -- All NULL for an annotation on the whole clause.
    quote_exact     TEXT,
    quote_prefix    TEXT,
    quote_suffix    TEXT,
    pos_start       INTEGER,
    pos_end         INTEGER,
    title           TEXT NOT NULL,
    concern         TEXT NOT NULL DEFAULT '',
    recommendation  TEXT NOT NULL DEFAULT '',
    -- The wording proposed instead of the quote (or of the whole clause).
    proposed        TEXT,
    delete_clause   INTEGER NOT NULL DEFAULT 0,
    rights          TEXT NOT NULL DEFAULT '[]',   -- JSON array of taxonomy ids
    impact          TEXT NOT NULL CHECK (impact IN ('strongly_restricts', 'restricts', 'neutral', 'protects', 'strongly_protects')),
    refs            TEXT NOT NULL DEFAULT '[]',   -- JSON array of legal references
    tags            TEXT NOT NULL DEFAULT '[]',   -- JSON array
    status          TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'agreed', 'withdrawn')),
    author          TEXT NOT NULL,
    org_id          INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX annotations_bill ON annotations(bill_id, lineage);
CREATE INDEX annotations_provision ON annotations(provision_id);

-- Where an annotation was placed on each version it has seen.
CREATE TABLE annotation_placements (
    annotation_id   INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    version_id      INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    provision_id    INTEGER REFERENCES provisions(id) ON DELETE SET NULL,
    anchor          TEXT NOT NULL,
    score           REAL NOT NULL,
    pos_start       INTEGER,
    pos_end         INTEGER,
    PRIMARY KEY (annotation_id, version_id)
);

-- Every change to an annotation, kept after the annotation is deleted (the
-- search index replays these to catch up). `changes` is a JSON object
-- {field: [old, new]}.
CREATE TABLE annotation_events (
    id              INTEGER PRIMARY KEY,
    annotation_uid  TEXT NOT NULL,
    at              TEXT NOT NULL,
    author          TEXT NOT NULL,
    action          TEXT NOT NULL,
    changes         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX annotation_events_uid ON annotation_events(annotation_uid);

CREATE TABLE annotation_replies (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    annotation_id   INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    author          TEXT NOT NULL,
    org_id          INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

-- Joint positions: a coalition's statement on one version of a bill.
CREATE TABLE positions (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    bill_id     INTEGER NOT NULL REFERENCES bills(id) ON DELETE CASCADE,
    version_id  INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    intro       TEXT NOT NULL DEFAULT '',
    closing     TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT 'en',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- The position's items, in order: each an annotation.
CREATE TABLE position_items (
    position_id     INTEGER NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    annotation_id   INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,
    PRIMARY KEY (position_id, annotation_id)
);

CREATE TABLE endorsements (
    position_id INTEGER NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    state       TEXT NOT NULL CHECK (state IN ('invited', 'endorsed', 'declined', 'withdrawn')),
    date        TEXT NOT NULL,
    note        TEXT,
    PRIMARY KEY (position_id, org_id)
);
