-- Kizuna schema version 15: members' ideas with a status history, one vote per member per idea,
-- comments, and merges of duplicate ideas (the merged idea is kept, pointing at the kept one).

CREATE TABLE ideas (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body        TEXT,
    -- NULL: the idea came from the team (or its author was erased).
    author_id   TEXT REFERENCES members(id),
    source      TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'csv', 'activity')),
    activity_id TEXT REFERENCES activities(id),
    status      TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'reviewing', 'planned', 'shipped', 'declined')),
    topic       TEXT,
    created_at  INTEGER NOT NULL,
    -- Set when this idea was merged into another as a duplicate (hidden from lists).
    merged_into TEXT REFERENCES ideas(id),
    merged_at   INTEGER
);
CREATE INDEX ideas_status ON ideas (status, created_at);
CREATE INDEX ideas_merged_into ON ideas (merged_into);
CREATE INDEX ideas_author ON ideas (author_id);

-- Every status an idea took, with when.
CREATE TABLE idea_status_changes (
    id      TEXT PRIMARY KEY,
    idea_id TEXT NOT NULL REFERENCES ideas(id),
    status  TEXT NOT NULL
        CHECK (status IN ('new', 'reviewing', 'planned', 'shipped', 'declined')),
    at      INTEGER NOT NULL
);
CREATE INDEX idea_status_changes_idea ON idea_status_changes (idea_id, at);

-- One vote per member per idea (the row id is derived from the pair).
CREATE TABLE idea_votes (
    id        TEXT PRIMARY KEY,
    idea_id   TEXT NOT NULL REFERENCES ideas(id),
    member_id TEXT NOT NULL REFERENCES members(id),
    voted_at  INTEGER NOT NULL,
    UNIQUE (idea_id, member_id)
);
CREATE INDEX idea_votes_member ON idea_votes (member_id);

-- Comments on an idea by a member or (member_id NULL) the team. origin_idea_id is the idea it
-- was written on; idea_id moves when that idea is merged into another.
CREATE TABLE idea_comments (
    id             TEXT PRIMARY KEY,
    idea_id        TEXT NOT NULL REFERENCES ideas(id),
    origin_idea_id TEXT NOT NULL REFERENCES ideas(id),
    member_id      TEXT REFERENCES members(id),
    body           TEXT NOT NULL CHECK (length(trim(body)) > 0),
    created_at     INTEGER NOT NULL
);
CREATE INDEX idea_comments_idea ON idea_comments (idea_id, created_at);
CREATE INDEX idea_comments_member ON idea_comments (member_id);
