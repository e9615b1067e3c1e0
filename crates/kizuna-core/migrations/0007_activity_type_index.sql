-- Kizuna schema version 7: "members with N activities of a type in a window" (segments) reads
-- only this index instead of every activity in the window.

CREATE INDEX activities_type_time_member ON activities (activity_type, occurred_at, member_id);
