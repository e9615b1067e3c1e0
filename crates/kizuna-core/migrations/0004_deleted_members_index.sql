-- Kizuna schema version 4: find soft-deleted members without scanning everyone, so
-- "active members" can subtract them cheaply on large communities.

CREATE INDEX members_deleted ON members (deleted_at) WHERE deleted_at IS NOT NULL;
