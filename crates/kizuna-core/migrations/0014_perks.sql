-- Kizuna schema version 14: perks (early access, discount codes, merchandise, experiences)
-- with waves and eligibility, and grants to members with codes and a status history. A perk
-- belongs to at most one campaign (perks.campaign_id).

CREATE TABLE perks (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL
        CHECK (kind IN ('early_access', 'discount_code', 'merchandise', 'experience')),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER,
    -- NULL: unlimited.
    stock       INTEGER CHECK (stock IS NULL OR stock >= 0),
    campaign_id TEXT REFERENCES campaigns(id),
    created_at  INTEGER NOT NULL,
    CHECK (ends_at IS NULL OR ends_at >= starts_at)
);

-- Waves of a perk: who may get it from when (a segment and/or a minimum level).
CREATE TABLE perk_waves (
    id         TEXT PRIMARY KEY,
    perk_id    TEXT NOT NULL REFERENCES perks(id),
    number     INTEGER NOT NULL CHECK (number >= 1),
    name       TEXT NOT NULL,
    opens_at   INTEGER NOT NULL,
    segment_id TEXT REFERENCES segments(id),
    min_level  INTEGER,
    UNIQUE (perk_id, number)
);

-- A perk given to a member. One live grant per (perk, member) and a code in at most one grant;
-- after sync from another replica these can be violated only through the log, which
-- `perks::perk_conflicts` reports.
CREATE TABLE perk_grants (
    id          TEXT PRIMARY KEY,
    perk_id     TEXT NOT NULL REFERENCES perks(id),
    member_id   TEXT NOT NULL REFERENCES members(id),
    wave_id     TEXT REFERENCES perk_waves(id),
    code_id     TEXT UNIQUE REFERENCES perk_codes(id),
    status      TEXT NOT NULL DEFAULT 'granted'
        CHECK (status IN ('granted', 'redeemed', 'expired', 'revoked')),
    granted_at  INTEGER NOT NULL,
    redeemed_at INTEGER,
    expired_at  INTEGER,
    revoked_at  INTEGER
);
CREATE INDEX perk_grants_perk ON perk_grants (perk_id, status);
CREATE INDEX perk_grants_member ON perk_grants (member_id);

-- Codes of a perk (discount codes), upper case, unique in the community.
CREATE TABLE perk_codes (
    id      TEXT PRIMARY KEY,
    perk_id TEXT NOT NULL REFERENCES perks(id),
    code    TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    added_at INTEGER NOT NULL
);
CREATE INDEX perk_codes_perk ON perk_codes (perk_id);
