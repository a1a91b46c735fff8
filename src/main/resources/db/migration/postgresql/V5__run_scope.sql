-- What a run looked at: 'full' (a listing of the whole source) or 'keys' (only the keys storage events named).
ALTER TABLE runs ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
