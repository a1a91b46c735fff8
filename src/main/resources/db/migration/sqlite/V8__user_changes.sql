-- Every change to a user's row, in commit order (docs/contract.md "Lineage, history and the change feed"): the values
-- after it (none for a delete), the source files behind it, the run and when. AUTOINCREMENT so a pruned highest seq
-- is never handed out again.
CREATE TABLE user_changes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      TEXT    NOT NULL,
    change       TEXT    NOT NULL,
    first_name   TEXT,
    last_name    TEXT,
    birthts      INTEGER,
    img_path     TEXT,
    csv_object   TEXT,
    csv_entry    TEXT,
    image_object TEXT,
    image_entry  TEXT,
    run_id       INTEGER,
    changed_at   INTEGER NOT NULL
);
CREATE INDEX user_changes_user ON user_changes (user_id, seq);
CREATE INDEX user_changes_run ON user_changes (run_id, seq);

-- The users already in the table enter the feed as inserts whose source was not recorded.
INSERT INTO user_changes (user_id, change, first_name, last_name, birthts, img_path, changed_at)
SELECT user_id, 'insert', first_name, last_name, birthts, img_path, CAST(strftime('%s', 'now') AS INTEGER) * 1000
FROM users ORDER BY user_id;
