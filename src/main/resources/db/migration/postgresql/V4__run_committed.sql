-- Whether a run's database changes were committed (a run can fail after its commit, while publishing), and how
-- many output changes it left owed to the output bucket.
ALTER TABLE runs ADD COLUMN committed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE runs ADD COLUMN output_pending BIGINT NOT NULL DEFAULT 0;
UPDATE runs SET committed = TRUE WHERE status = 'succeeded';
