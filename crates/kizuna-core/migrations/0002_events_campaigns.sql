-- Kizuna schema version 2: events with registrations, and campaigns.

CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('in_person', 'online', 'hybrid')),
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    time_zone   TEXT NOT NULL,
    venue       TEXT,
    url         TEXT,
    capacity    INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'published', 'done', 'cancelled')),
    description TEXT,
    CHECK (ends_at >= starts_at)
);
CREATE INDEX events_start ON events (starts_at);

CREATE TABLE registrations (
    id             TEXT PRIMARY KEY,
    event_id       TEXT NOT NULL REFERENCES events(id),
    member_id      TEXT NOT NULL REFERENCES members(id),
    status         TEXT NOT NULL
        CHECK (status IN ('going', 'waitlist', 'cancelled', 'attended', 'no_show')),
    ticket_type    TEXT,
    price_minor    INTEGER,
    currency       TEXT,
    registered_at  INTEGER NOT NULL,
    checked_in_at  INTEGER,
    checked_in_by  TEXT,
    UNIQUE (event_id, member_id)
);
CREATE INDEX registrations_member ON registrations (member_id);

CREATE TABLE campaigns (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind         TEXT NOT NULL
        CHECK (kind IN ('influencer', 'email', 'social', 'referral', 'co_creation', 'event')),
    status       TEXT NOT NULL CHECK (status IN ('planned', 'running', 'done', 'cancelled')),
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER,
    budget_minor INTEGER CHECK (budget_minor IS NULL OR budget_minor >= 0),
    currency     TEXT,
    goal_metric  TEXT,
    goal_target  INTEGER
);

-- Activities can now point at the event or campaign they belong to.
ALTER TABLE activities ADD COLUMN event_id TEXT REFERENCES events(id);
ALTER TABLE activities ADD COLUMN campaign_id TEXT REFERENCES campaigns(id);
CREATE INDEX activities_event ON activities (event_id) WHERE event_id IS NOT NULL;
