-- Kizuna schema version 1: the community's people and what they do.
-- Times are unix milliseconds (UTC); ids are UUID text.

CREATE TABLE kizuna_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Replicas known to this file; change_log refers to them by a small integer.
CREATE TABLE sync_sites (
    id        INTEGER PRIMARY KEY,
    site_uuid TEXT NOT NULL UNIQUE
);

-- Every write to a synced table appends one row per written cell, in the same transaction.
-- `val` has no declared type so SQLite keeps each value exactly as written.
CREATE TABLE change_log (
    seq  INTEGER PRIMARY KEY,
    tbl  TEXT NOT NULL,
    pk   TEXT NOT NULL,
    col  TEXT NOT NULL,
    val,
    hlc  INTEGER NOT NULL,
    site INTEGER NOT NULL REFERENCES sync_sites(id)
);

CREATE TABLE members (
    id           TEXT PRIMARY KEY,
    display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    name_reading TEXT,
    email        TEXT,
    phone        TEXT,
    locale       TEXT,
    country      TEXT,
    city         TEXT,
    birth_year   INTEGER,
    joined_at    INTEGER NOT NULL,
    source       TEXT,
    notes        TEXT,
    deleted_at   INTEGER,
    -- Derived, local only: folded name, reading, email and handles (see search_text.rs).
    search_text  TEXT NOT NULL DEFAULT '',
    sort_key     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX members_sort ON members (sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX members_joined ON members (joined_at);
CREATE INDEX members_email ON members (email);

CREATE TABLE identities (
    id        TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id),
    platform  TEXT NOT NULL,
    handle    TEXT NOT NULL,
    url       TEXT,
    followers INTEGER CHECK (followers IS NULL OR followers >= 0)
);
CREATE INDEX identities_member ON identities (member_id);
CREATE INDEX identities_handle ON identities (platform, handle);

CREATE TABLE tags (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE member_tags (
    id        TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id),
    tag_id    TEXT NOT NULL REFERENCES tags(id),
    UNIQUE (member_id, tag_id)
);

CREATE TABLE activity_types (
    id       TEXT PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    label_en TEXT NOT NULL,
    label_ja TEXT NOT NULL,
    platform TEXT,
    weight   REAL NOT NULL CHECK (weight >= 0)
);

CREATE TABLE activities (
    id            TEXT PRIMARY KEY,
    member_id     TEXT NOT NULL REFERENCES members(id),
    activity_type TEXT NOT NULL REFERENCES activity_types(key),
    occurred_at   INTEGER NOT NULL,
    platform      TEXT,
    url           TEXT,
    meta          TEXT
);
CREATE INDEX activities_member_time ON activities (member_id, occurred_at);
CREATE INDEX activities_time_member ON activities (occurred_at, member_id);
