-- Kizuna schema version 18: the change log by row, so sync can rebuild a row from all of its
-- cells (the winner of each column by clock and replica) when another replica's changes arrive,
-- and can tell a change it already has from a new one.
CREATE INDEX change_log_row ON change_log (tbl, pk, col, hlc);
