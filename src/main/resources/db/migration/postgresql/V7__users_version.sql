-- A number every transaction that writes users raises (UserRepository), so a reader can tell cheaply whether what it
-- derived from the users (the /stats summary, the rendered full /data) is still theirs, also after another
-- instance's run.
CREATE TABLE users_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);

INSERT INTO users_version (id, version) VALUES (1, 0);
