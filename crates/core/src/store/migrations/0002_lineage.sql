-- 0002: clause lineage across versions.
-- Every clause (article or section) carries a lineage id that follows it
-- through the versions of its bill; clause_links records how each clause of a
-- version came from the clauses of the version before (alignment kinds).

ALTER TABLE provisions ADD COLUMN lineage TEXT;
CREATE INDEX provisions_lineage ON provisions(lineage);

CREATE TABLE clause_links (
    from_id     INTEGER NOT NULL REFERENCES provisions(id) ON DELETE CASCADE,
    to_id       INTEGER NOT NULL REFERENCES provisions(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('unchanged', 'modified', 'split', 'merged')),
    moved       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (from_id, to_id)
);
CREATE INDEX clause_links_to ON clause_links(to_id);
