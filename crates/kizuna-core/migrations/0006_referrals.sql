-- Kizuna schema version 6: referrals (who brought whom, through which channel).

-- A member is referred by at most one person; nobody refers themselves. Cycles (A brought B,
-- B brought A) are refused by the store, which can see the whole chain.
CREATE TABLE referrals (
    id          TEXT PRIMARY KEY,
    referrer_id TEXT NOT NULL REFERENCES members(id),
    referred_id TEXT NOT NULL UNIQUE REFERENCES members(id),
    channel     TEXT NOT NULL
        CHECK (channel IN ('in_person', 'link', 'code', 'social', 'event', 'other')),
    code        TEXT,
    referred_at INTEGER NOT NULL,
    campaign_id TEXT REFERENCES campaigns(id),
    -- The referrer's `referral` activity logged with it (no foreign key: erasing a member's
    -- activities must not depend on their referrals).
    activity_id TEXT,
    CHECK (referrer_id <> referred_id)
);
CREATE INDEX referrals_referrer ON referrals (referrer_id);
CREATE INDEX referrals_campaign ON referrals (campaign_id) WHERE campaign_id IS NOT NULL;
