-- Kizuna schema version 19: edits that met during sync. When this replica had changed a field
-- it had not sent yet and another replica's change to the same field arrives, both values are
-- kept here (the cell itself follows the last-writer-wins rule) for a person to look at.
-- Local to this file.
CREATE TABLE sync_conflicts (
    id          INTEGER PRIMARY KEY,
    tbl         TEXT NOT NULL,
    pk          TEXT NOT NULL,
    col         TEXT NOT NULL,
    local_val,
    remote_val,
    remote_site TEXT NOT NULL,
    -- 'local' or 'remote': which value the table holds after the merge.
    kept        TEXT NOT NULL CHECK (kept IN ('local', 'remote')),
    detected_at INTEGER NOT NULL,
    resolved_at INTEGER
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (detected_at) WHERE resolved_at IS NULL;
