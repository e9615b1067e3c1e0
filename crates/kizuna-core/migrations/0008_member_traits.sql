-- Kizuna schema version 8: member traits in four dimensions (demographic, psychographic,
-- technology, behaviour), each a (key, value) pair such as ('interest', 'espresso').

-- A set per member, like tags: concurrent adds on two devices never collide, and the same
-- (dimension, key, value) is on a member at most once.
CREATE TABLE member_traits (
    id        TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id),
    dimension TEXT NOT NULL
        CHECK (dimension IN ('demographic', 'psychographic', 'technology', 'behaviour')),
    key       TEXT NOT NULL CHECK (length(trim(key)) > 0),
    value     TEXT NOT NULL CHECK (length(trim(value)) > 0),
    UNIQUE (member_id, dimension, key, value)
);
-- Segment rules ("psychographic interest equals espresso") and the picker's catalogue read
-- this index; a member's own traits come from the unique index above.
CREATE INDEX member_traits_lookup ON member_traits (dimension, key, value, member_id);
