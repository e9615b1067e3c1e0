-- Kizuna schema version 9: event details, ticket types, registration codes, waitlist order and
-- door check-in (filled in by the events work).

-- An event's street address (beside its venue name), the currency of its money (ISO 4217) and
-- the series it was copied from (the first event of the series' id).
ALTER TABLE events ADD COLUMN address TEXT;
ALTER TABLE events ADD COLUMN currency TEXT NOT NULL DEFAULT 'JPY'
    CHECK (length(currency) = 3 AND currency = upper(currency));
ALTER TABLE events ADD COLUMN series_id TEXT;
CREATE INDEX events_series ON events (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX events_end ON events (ends_at);

-- Ticket types of an event; the price is in minor units of the event's currency.
CREATE TABLE ticket_types (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES events(id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    currency    TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ticket_types_event ON ticket_types (event_id, position);

-- The ticket a registration holds, the short code printed on its ticket (scanned at the door)
-- and its place in the waitlist (lower comes first).
ALTER TABLE registrations ADD COLUMN ticket_type_id TEXT REFERENCES ticket_types(id);
ALTER TABLE registrations ADD COLUMN code TEXT;
ALTER TABLE registrations ADD COLUMN waitlist_position INTEGER;

-- Registrations from before codes get one derived from their id, the same on every replica
-- (hex digits, with 0 and 1 read as Z and Y so nothing looks like O or I).
UPDATE registrations
SET code = upper(replace(replace(substr(replace(id, '-', ''), -7), '0', 'Z'), '1', 'Y'));
UPDATE registrations SET waitlist_position = registered_at WHERE status = 'waitlist';

-- Not UNIQUE: two replicas could in theory pick the same code offline; the app checks it.
CREATE INDEX registrations_code ON registrations (event_id, code);
CREATE INDEX registrations_event_status ON registrations (event_id, status);
