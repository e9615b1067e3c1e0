-- Kizuna schema version 20: which members were active in which calendar month and ISO week,
-- with their number of activities there, so the engagement charts, the Dashboard and the
-- reports count active members per period from one row per (period, member) instead of
-- reading every activity of the period (a month of 100k members is ~170k activities but ~46k
-- rows here). Local and derived: triggers keep both tables exact in the same statement as
-- every insert, delete and move (merge, undo, erasure, import, sync merge) of an activity.
-- No foreign key: a member's rows leave with their activities.
--
-- month: months since January 1970 in UTC, (year - 1970) * 12 + month - 1.
-- week:  ISO weeks since Monday 1969-12-29 00:00 UTC, floor((occurred_at + 3 days) / 7 days).

CREATE TABLE activity_months (
    month      INTEGER NOT NULL,
    member_id  TEXT NOT NULL,
    activities INTEGER NOT NULL,
    PRIMARY KEY (month, member_id)
) WITHOUT ROWID;
-- A cohort's months: from its members to the months they were active in.
CREATE INDEX activity_months_member ON activity_months (member_id, month);

CREATE TABLE activity_weeks (
    week       INTEGER NOT NULL,
    member_id  TEXT NOT NULL,
    activities INTEGER NOT NULL,
    PRIMARY KEY (week, member_id)
) WITHOUT ROWID;

INSERT INTO activity_months (month, member_id, activities)
SELECT (CAST(strftime('%Y', occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1970) * 12
         + CAST(strftime('%m', occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1,
       member_id, count(*)
FROM activities GROUP BY 1, 2 ORDER BY 1, 2;

INSERT INTO activity_weeks (week, member_id, activities)
SELECT (occurred_at + 259200000
          - ((occurred_at + 259200000) % 604800000 + 604800000) % 604800000) / 604800000,
       member_id, count(*)
FROM activities GROUP BY 1, 2 ORDER BY 1, 2;

CREATE TRIGGER activities_insert_counts_in_rollups
AFTER INSERT ON activities
BEGIN
    INSERT INTO activity_months (month, member_id, activities) VALUES (
        (CAST(strftime('%Y', new.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1970) * 12
          + CAST(strftime('%m', new.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1,
        new.member_id, 1)
    ON CONFLICT (month, member_id) DO UPDATE SET activities = activities + 1;
    INSERT INTO activity_weeks (week, member_id, activities) VALUES (
        (new.occurred_at + 259200000
          - ((new.occurred_at + 259200000) % 604800000 + 604800000) % 604800000) / 604800000,
        new.member_id, 1)
    ON CONFLICT (week, member_id) DO UPDATE SET activities = activities + 1;
END;

CREATE TRIGGER activities_delete_counts_in_rollups
AFTER DELETE ON activities
BEGIN
    UPDATE activity_months SET activities = activities - 1
    WHERE month = (CAST(strftime('%Y', old.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1970) * 12
                  + CAST(strftime('%m', old.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1
      AND member_id = old.member_id;
    DELETE FROM activity_months
    WHERE month = (CAST(strftime('%Y', old.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1970) * 12
                  + CAST(strftime('%m', old.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1
      AND member_id = old.member_id AND activities <= 0;
    UPDATE activity_weeks SET activities = activities - 1
    WHERE week = (old.occurred_at + 259200000
                    - ((old.occurred_at + 259200000) % 604800000 + 604800000) % 604800000) / 604800000
      AND member_id = old.member_id;
    DELETE FROM activity_weeks
    WHERE week = (old.occurred_at + 259200000
                    - ((old.occurred_at + 259200000) % 604800000 + 604800000) % 604800000) / 604800000
      AND member_id = old.member_id AND activities <= 0;
END;

-- A merge (or its undo) moves activities to another member; an edit may move one in time.
CREATE TRIGGER activities_move_counts_in_rollups
AFTER UPDATE OF member_id, occurred_at ON activities
WHEN old.member_id IS NOT new.member_id OR old.occurred_at IS NOT new.occurred_at
BEGIN
    UPDATE activity_months SET activities = activities - 1
    WHERE month = (CAST(strftime('%Y', old.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1970) * 12
                  + CAST(strftime('%m', old.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1
      AND member_id = old.member_id;
    DELETE FROM activity_months
    WHERE month = (CAST(strftime('%Y', old.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1970) * 12
                  + CAST(strftime('%m', old.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1
      AND member_id = old.member_id AND activities <= 0;
    UPDATE activity_weeks SET activities = activities - 1
    WHERE week = (old.occurred_at + 259200000
                    - ((old.occurred_at + 259200000) % 604800000 + 604800000) % 604800000) / 604800000
      AND member_id = old.member_id;
    DELETE FROM activity_weeks
    WHERE week = (old.occurred_at + 259200000
                    - ((old.occurred_at + 259200000) % 604800000 + 604800000) % 604800000) / 604800000
      AND member_id = old.member_id AND activities <= 0;
    INSERT INTO activity_months (month, member_id, activities) VALUES (
        (CAST(strftime('%Y', new.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1970) * 12
          + CAST(strftime('%m', new.occurred_at / 1000.0, 'unixepoch') AS INTEGER) - 1,
        new.member_id, 1)
    ON CONFLICT (month, member_id) DO UPDATE SET activities = activities + 1;
    INSERT INTO activity_weeks (week, member_id, activities) VALUES (
        (new.occurred_at + 259200000
          - ((new.occurred_at + 259200000) % 604800000 + 604800000) % 604800000) / 604800000,
        new.member_id, 1)
    ON CONFLICT (week, member_id) DO UPDATE SET activities = activities + 1;
END;
