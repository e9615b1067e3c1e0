-- Kizuna schema version 16: the reading-order index of live members also carries their folded
-- search text, so a search too short for the trigram index (one or two characters, such as a
-- two-kanji family name) and its match count scan only this index instead of one table row
-- per member (149 ms -> 18 ms for a two-character search on 100k members). Queries that used
-- (sort_key, id) use its prefix unchanged.
DROP INDEX members_sort;
CREATE INDEX members_sort ON members (sort_key, id, search_text) WHERE deleted_at IS NULL;
