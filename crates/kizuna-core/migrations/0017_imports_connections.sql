-- Kizuna schema version 17: import history with what each import wrote (so a whole import can be
-- undone), column mappings saved per source, and platform connections. All three are local to
-- this file (not synced): the rows an import creates sync like any other; tokens live in the OS
-- keychain, never here.

-- One import of a file or one connector fetch that wrote something.
CREATE TABLE import_runs (
    id          TEXT PRIMARY KEY,
    -- The source that scopes external ids (`luma`, `discourse:forum.example.com`, ...).
    source_key  TEXT NOT NULL,
    -- File name or connection label, as the history shows it.
    label       TEXT NOT NULL,
    format      TEXT NOT NULL,
    -- SHA-256 of the file (hex); NULL for connectors.
    fingerprint TEXT,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    -- JSON counts (members created/updated/matched, activities, registrations, events, errors).
    summary     TEXT NOT NULL,
    undone_at   INTEGER
);
CREATE INDEX import_runs_started ON import_runs (started_at);

-- Every row an import inserted or changed, in order; `before` holds the replaced cells (JSON).
CREATE TABLE import_run_rows (
    run_id TEXT NOT NULL REFERENCES import_runs(id),
    seq    INTEGER NOT NULL,
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
    before TEXT,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE INDEX import_run_rows_row ON import_run_rows (tbl, row_id);

-- A column mapping a manager saved for a source (generic files), reused on its next file.
CREATE TABLE import_mappings (
    source_key TEXT PRIMARY KEY,
    format     TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A platform account Kizuna pulls from; its token is in the OS keychain under the id.
CREATE TABLE connections (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('discourse', 'discord', 'eventbrite')),
    label        TEXT NOT NULL CHECK (length(trim(label)) > 0),
    base_url     TEXT NOT NULL,
    -- Discourse: the API username; Discord: the guild id; Eventbrite: the organization id.
    account      TEXT NOT NULL,
    -- Connector-specific incremental position (JSON).
    cursor       TEXT,
    created_at   INTEGER NOT NULL,
    last_sync_at INTEGER,
    last_error   TEXT,
    -- JSON counts of the last successful sync.
    last_summary TEXT
);

-- Imports match people by email whatever its case.
CREATE INDEX members_email_lower ON members (lower(email)) WHERE deleted_at IS NULL;
