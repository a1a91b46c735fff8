-- Whether a run's database changes were committed (a run can fail after its commit, while publishing), and how
-- many output changes it left owed to the output bucket.
ALTER TABLE runs ADD COLUMN committed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN output_pending INTEGER NOT NULL DEFAULT 0;
UPDATE runs SET committed = 1 WHERE status = 'succeeded';
