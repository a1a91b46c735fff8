-- Users: the product's table (docs/contract.md "Outputs"). birthdate is the UTC date of birthts, as ISO text (sorts as dates).
CREATE TABLE users (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    TEXT    NOT NULL UNIQUE,
    first_name TEXT    NOT NULL,
    last_name  TEXT    NOT NULL,
    birthts    INTEGER NOT NULL,
    birthdate  TEXT    NOT NULL,
    img_path   TEXT
);
CREATE INDEX users_birthdate ON users (birthdate);

-- The ledger: every source object the service has read, as it was then.
CREATE TABLE source_objects (
    object_key    TEXT    NOT NULL PRIMARY KEY,
    etag          TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    last_modified INTEGER NOT NULL,
    rejection     TEXT
);
CREATE INDEX source_objects_rejected ON source_objects (object_key) WHERE rejection IS NOT NULL;

-- The user files found in those objects: loose files (entry_name '') and archive entries.
CREATE TABLE source_entries (
    object_key      TEXT    NOT NULL,
    entry_name      TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    last_modified   INTEGER NOT NULL,
    read_run        INTEGER NOT NULL,
    first_name      TEXT,
    last_name       TEXT,
    birthts         INTEGER,
    image_extension TEXT,
    rejection       TEXT,
    PRIMARY KEY (object_key, entry_name)
);
CREATE INDEX source_entries_user ON source_entries (user_id, kind);
CREATE INDEX source_entries_rejected ON source_entries (object_key) WHERE rejection IS NOT NULL;

-- Which source image is published for each user.
CREATE TABLE published_images (
    user_id    TEXT    NOT NULL PRIMARY KEY,
    object_key TEXT    NOT NULL,
    entry_name TEXT    NOT NULL,
    read_run   INTEGER NOT NULL,
    output_key TEXT    NOT NULL
);

-- Output-bucket changes committed with a run and carried out after the commit (an outbox: a crash resumes them).
CREATE TABLE publish_queue (
    output_key   TEXT NOT NULL PRIMARY KEY,
    action       TEXT NOT NULL,
    source_key   TEXT,
    entry_name   TEXT,
    content_type TEXT
);

-- Users without a CSV that the deletion guard kept; a forced run removes them.
CREATE TABLE held_removals (
    user_id TEXT NOT NULL PRIMARY KEY
);

-- Scratch space of the running run: the users whose files changed.
CREATE TABLE run_affected (
    user_id TEXT NOT NULL PRIMARY KEY
);

CREATE TABLE service_state (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE runs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    trigger         TEXT    NOT NULL,
    forced          INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT,
    objects_listed  INTEGER NOT NULL DEFAULT 0,
    objects_read    INTEGER NOT NULL DEFAULT 0,
    objects_ignored INTEGER NOT NULL DEFAULT 0,
    orphan_images   INTEGER NOT NULL DEFAULT 0,
    users_added     INTEGER NOT NULL DEFAULT 0,
    users_updated   INTEGER NOT NULL DEFAULT 0,
    users_removed   INTEGER NOT NULL DEFAULT 0,
    users_unchanged INTEGER NOT NULL DEFAULT 0,
    users_total     INTEGER NOT NULL DEFAULT 0,
    rejected        TEXT    NOT NULL DEFAULT '[]',
    warnings        TEXT    NOT NULL DEFAULT '[]',
    error           TEXT
);
CREATE INDEX runs_status ON runs (status, started_at);
