-- Kizuna schema version 5: the audit log, reversible member merges and saved segments.

-- Who did what when: the local user and the device (replica) that did it. Synced, so a team
-- sees each other's merges, erasures and imports.
CREATE TABLE audit_log (
    id      TEXT PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    device  TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_subject ON audit_log (subject) WHERE subject IS NOT NULL;

-- A member merged into another keeps its row, soft-deleted and pointing at the kept member,
-- so the merge can be undone.
ALTER TABLE members ADD COLUMN merged_into TEXT REFERENCES members(id);

-- One row per merge: the full snapshot of both members' rows before it, for undo.
CREATE TABLE merges (
    id               TEXT PRIMARY KEY,
    kept_member_id   TEXT NOT NULL REFERENCES members(id),
    merged_member_id TEXT NOT NULL REFERENCES members(id),
    snapshot         TEXT NOT NULL,
    merged_at        INTEGER NOT NULL,
    undone_at        INTEGER,
    CHECK (kept_member_id <> merged_member_id)
);
CREATE INDEX merges_kept ON merges (kept_member_id);
CREATE INDEX merges_merged ON merges (merged_member_id);

-- Saved segments: a name and a rule tree (JSON, see segments/).
CREATE TABLE segments (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    rules      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
