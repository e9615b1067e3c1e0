-- Kizuna schema version 13: campaigns with an owner and actual spend, linked events, an
-- influencer roster with deliverables, referral codes and tagged links, and attribution of
-- members to campaigns (once per campaign and member).

ALTER TABLE campaigns ADD COLUMN owner TEXT;
ALTER TABLE campaigns ADD COLUMN description TEXT;
-- Money actually spent so far, in minor units of `campaigns.currency` (influencer fees apart).
ALTER TABLE campaigns ADD COLUMN actual_spend_minor INTEGER
    CHECK (actual_spend_minor IS NULL OR actual_spend_minor >= 0);

CREATE TABLE campaign_events (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    event_id    TEXT NOT NULL REFERENCES events(id),
    UNIQUE (campaign_id, event_id)
);

-- Members who work on a campaign as influencers, through one of their platform identities.
CREATE TABLE campaign_influencers (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    member_id   TEXT NOT NULL REFERENCES members(id),
    identity_id TEXT REFERENCES identities(id),
    fee_minor   INTEGER CHECK (fee_minor IS NULL OR fee_minor >= 0),
    status      TEXT NOT NULL DEFAULT 'shortlisted'
        CHECK (status IN ('shortlisted', 'contracted', 'declined', 'done')),
    notes       TEXT,
    added_at    INTEGER NOT NULL,
    UNIQUE (campaign_id, member_id)
);
CREATE INDEX campaign_influencers_member ON campaign_influencers (member_id);

-- What an influencer delivers: planned, then published with its URL and reach.
CREATE TABLE campaign_deliverables (
    id            TEXT PRIMARY KEY,
    influencer_id TEXT NOT NULL REFERENCES campaign_influencers(id),
    kind          TEXT NOT NULL
        CHECK (kind IN ('post', 'video', 'story', 'stream', 'article', 'other')),
    planned_at    INTEGER,
    published_at  INTEGER,
    url           TEXT,
    reach         INTEGER CHECK (reach IS NULL OR reach >= 0),
    notes         TEXT
);
CREATE INDEX campaign_deliverables_influencer ON campaign_deliverables (influencer_id);

-- Referral codes and link tags (e.g. the utm_campaign value), folded to upper case for codes
-- and lower case for tags; optionally one influencer's own.
CREATE TABLE campaign_codes (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES campaigns(id),
    kind          TEXT NOT NULL CHECK (kind IN ('code', 'link')),
    code          TEXT NOT NULL CHECK (length(trim(code)) > 0),
    influencer_id TEXT REFERENCES campaign_influencers(id),
    UNIQUE (kind, code)
);
CREATE INDEX campaign_codes_campaign ON campaign_codes (campaign_id);

-- Which campaign brought a member, and how. One row per (campaign, member): the id is derived
-- from the pair so two replicas attributing the same member agree on one row.
CREATE TABLE campaign_attributions (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES campaigns(id),
    member_id     TEXT NOT NULL REFERENCES members(id),
    via           TEXT NOT NULL CHECK (via IN ('code', 'link', 'referrer', 'manual')),
    code_id       TEXT REFERENCES campaign_codes(id),
    referrer_id   TEXT REFERENCES members(id),
    -- When the member came through the campaign (their sign-up, or the attributed activity).
    attributed_at INTEGER NOT NULL,
    UNIQUE (campaign_id, member_id)
);
CREATE INDEX campaign_attributions_member ON campaign_attributions (member_id);
CREATE INDEX campaign_attributions_campaign ON campaign_attributions (campaign_id, attributed_at);
