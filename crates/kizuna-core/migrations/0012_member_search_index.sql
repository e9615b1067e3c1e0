-- Kizuna schema version 12: member search through an FTS5 trigram index over the folded
-- search text (name, kana reading, email, handles), kept in step with `members` by triggers.
-- Searches of three or more characters look up the index instead of scanning every member.
-- Local and derived: not synced (each replica builds its own).
CREATE VIRTUAL TABLE members_search USING fts5(
    search_text, content = 'members', content_rowid = 'rowid', tokenize = 'trigram'
);
INSERT INTO members_search (members_search) VALUES ('rebuild');

CREATE TRIGGER members_search_insert AFTER INSERT ON members BEGIN
    INSERT INTO members_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN
    INSERT INTO members_search (members_search, rowid, search_text)
    VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER members_search_update AFTER UPDATE OF search_text ON members BEGIN
    INSERT INTO members_search (members_search, rowid, search_text)
    VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO members_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
