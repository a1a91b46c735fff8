-- Users: the product's table (docs/contract.md "Outputs"). birthdate is the UTC date of birthts.
CREATE TABLE users (
    id         BIGSERIAL PRIMARY KEY,
    user_id    TEXT    COLLATE "C" NOT NULL UNIQUE,
    first_name TEXT    NOT NULL,
    last_name  TEXT    NOT NULL,
    birthts    BIGINT  NOT NULL,
    birthdate  DATE    NOT NULL,
    img_path   TEXT
);
CREATE INDEX users_birthdate ON users (birthdate);

-- The ledger: every source object the service has read, as it was then.
CREATE TABLE source_objects (
    object_key    TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
    etag          TEXT    NOT NULL,
    size          BIGINT  NOT NULL,
    last_modified BIGINT  NOT NULL,
    rejection     TEXT
);
CREATE INDEX source_objects_rejected ON source_objects (object_key) WHERE rejection IS NOT NULL;

-- The user files found in those objects: loose files (entry_name '') and archive entries.
CREATE TABLE source_entries (
    object_key      TEXT    NOT NULL,
    entry_name      TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    last_modified   BIGINT  NOT NULL,
    read_run        BIGINT  NOT NULL,
    first_name      TEXT,
    last_name       TEXT,
    birthts         BIGINT,
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
    read_run   BIGINT  NOT NULL,
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
    user_id TEXT COLLATE "C" NOT NULL PRIMARY KEY
);

-- Scratch space of the running run: the users whose files changed.
CREATE TABLE run_affected (
    user_id TEXT COLLATE "C" NOT NULL PRIMARY KEY
);

CREATE TABLE service_state (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE runs (
    id              BIGSERIAL PRIMARY KEY,
    trigger         TEXT    NOT NULL,
    forced          BOOLEAN NOT NULL,
    status          TEXT    NOT NULL,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT,
    objects_listed  BIGINT  NOT NULL DEFAULT 0,
    objects_read    BIGINT  NOT NULL DEFAULT 0,
    objects_ignored BIGINT  NOT NULL DEFAULT 0,
    orphan_images   BIGINT  NOT NULL DEFAULT 0,
    users_added     BIGINT  NOT NULL DEFAULT 0,
    users_updated   BIGINT  NOT NULL DEFAULT 0,
    users_removed   BIGINT  NOT NULL DEFAULT 0,
    users_unchanged BIGINT  NOT NULL DEFAULT 0,
    users_total     BIGINT  NOT NULL DEFAULT 0,
    rejected        TEXT    NOT NULL DEFAULT '[]',
    warnings        TEXT    NOT NULL DEFAULT '[]',
    error           TEXT
);
CREATE INDEX runs_status ON runs (status, started_at);
