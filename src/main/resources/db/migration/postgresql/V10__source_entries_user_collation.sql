-- The ledger's user ids in the collation of every other user id ("C"): a comparison with users, run_affected or
-- held_removals then has one collation, and the index source_entries_user can serve it. With the database's default
-- collation on this side, a run's count of removals read the whole ledger. Only the collation changes, so the table
-- is not rewritten; the index is rebuilt.
ALTER TABLE source_entries ALTER COLUMN user_id TYPE TEXT COLLATE "C";
