-- Kizuna schema version 3: engagement scores with time decay, and editable levels.

-- Community settings that sync (e.g. the score half-life). `id` is the setting's key, so two
-- replicas that set the same setting write the same row and merge cell by cell.
CREATE TABLE settings (
    id    TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Engagement levels: absolute, editable score thresholds (synced). The store keeps ranks
-- distinct and thresholds increasing; rank is not UNIQUE in SQL because levels are edited in
-- place (a swap of two ranks passes through a duplicate) and merged per cell by team sync.
CREATE TABLE levels (
    id        TEXT PRIMARY KEY,
    rank      INTEGER NOT NULL,
    key       TEXT NOT NULL,
    label_en  TEXT NOT NULL CHECK (length(trim(label_en)) > 0),
    label_ja  TEXT NOT NULL CHECK (length(trim(label_ja)) > 0),
    min_score REAL NOT NULL CHECK (min_score >= 0)
);
CREATE INDEX levels_rank ON levels (rank);

-- Derived, local only (never synced, rebuilt by a full recompute): each live member's score
-- as of `as_of` (unix ms) and the level it puts them at.
CREATE TABLE member_scores (
    member_id        TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    score            REAL NOT NULL,
    as_of            INTEGER NOT NULL,
    level_rank       INTEGER NOT NULL,
    last_activity_at INTEGER
) WITHOUT ROWID;
CREATE INDEX member_scores_score ON member_scores (score DESC);
CREATE INDEX member_scores_level ON member_scores (level_rank);

-- Derived, local only: every promotion and demotion a recompute saw, with its cause.
CREATE TABLE level_changes (
    id        INTEGER PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    from_rank INTEGER NOT NULL,
    to_rank   INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    score     REAL NOT NULL,
    cause     TEXT NOT NULL CHECK (cause IN ('activity', 'decay', 'rules', 'history')),
    CHECK (from_rank <> to_rank)
);
CREATE INDEX level_changes_member ON level_changes (member_id, at);

-- Derived, local only: where the last recompute stopped. `last_activity_rowid` is the highest
-- activities rowid it read; `rules` and `ladder` fingerprint the weights + half-life and the
-- thresholds it used; `stale` is set when counted history changes under it.
CREATE TABLE score_state (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    as_of               INTEGER NOT NULL,
    last_activity_rowid INTEGER NOT NULL,
    rules               TEXT NOT NULL,
    ladder              TEXT NOT NULL,
    stale               INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1))
);

-- An incremental recompute only reads activities added after its watermark, so anything that
-- changes activities it already read (an edit, a delete, a merge moving activities, a rowid
-- reused below the watermark) marks the scores stale and the next recompute is a full one.
CREATE TRIGGER activities_edit_marks_scores_stale
AFTER UPDATE OF member_id, activity_type, occurred_at ON activities
BEGIN
    UPDATE score_state SET stale = 1;
END;

CREATE TRIGGER activities_delete_marks_scores_stale
AFTER DELETE ON activities
BEGIN
    UPDATE score_state SET stale = 1;
END;

CREATE TRIGGER activities_insert_below_watermark_marks_scores_stale
AFTER INSERT ON activities
WHEN NEW.rowid <= (SELECT last_activity_rowid FROM score_state WHERE id = 1)
BEGIN
    UPDATE score_state SET stale = 1;
END;
