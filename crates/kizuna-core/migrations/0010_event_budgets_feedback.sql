-- Kizuna schema version 10: event budgets (cost and income lines), feedback and suggestion
-- lists (filled in by the events work).

-- Planned and actual money per line, in integer minor units of the event's currency
-- (`events.currency`, migration 9; the line keeps its currency so a copy can be checked).
CREATE TABLE budget_lines (
    id            TEXT PRIMARY KEY,
    event_id      TEXT NOT NULL REFERENCES events(id),
    kind          TEXT NOT NULL CHECK (kind IN ('cost', 'income')),
    category      TEXT NOT NULL CHECK (category IN ('venue', 'catering', 'vendors', 'merchandise',
                                                   'travel', 'ads', 'other', 'tickets',
                                                   'sponsorship', 'co_host')),
    planned_minor INTEGER NOT NULL CHECK (planned_minor >= 0),
    actual_minor  INTEGER CHECK (actual_minor IS NULL OR actual_minor >= 0),
    currency      TEXT NOT NULL,
    vendor        TEXT,
    paid_at       INTEGER,
    notes         TEXT,
    created_at    INTEGER NOT NULL
);
CREATE INDEX budget_lines_event ON budget_lines (event_id, created_at);

-- Ratings (1–5) and comments after an event, entered by hand or imported from a CSV file.
CREATE TABLE event_feedback (
    id           TEXT PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events(id),
    member_id    TEXT REFERENCES members(id),
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment      TEXT,
    submitted_at INTEGER NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('manual', 'csv'))
);
CREATE INDEX event_feedback_event ON event_feedback (event_id, submitted_at);

-- Options members propose for an upcoming event (a topic, a venue or a date).
CREATE TABLE event_suggestions (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES events(id),
    kind        TEXT NOT NULL CHECK (kind IN ('topic', 'venue', 'date')),
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    proposed_by TEXT REFERENCES members(id),
    proposed_at INTEGER NOT NULL
);
CREATE INDEX event_suggestions_event ON event_suggestions (event_id);

-- One vote per member per option: the id is derived from (suggestion, member), so concurrent
-- votes on two replicas are the same row.
CREATE TABLE suggestion_votes (
    id            TEXT PRIMARY KEY,
    suggestion_id TEXT NOT NULL REFERENCES event_suggestions(id),
    member_id     TEXT NOT NULL REFERENCES members(id),
    voted_at      INTEGER NOT NULL,
    UNIQUE (suggestion_id, member_id)
);
