package io.useringest.users;

import io.useringest.db.Database;

/**
 * The users table's version: every transaction that writes users raises it (in that
 * transaction), so a reader can tell with one primary-key read whether something it
 * derived from the users is still theirs, whichever instance or process wrote them.
 */
public class UsersVersion {

    private final Database db;

    public UsersVersion(Database db) {
        this.db = db;
    }

    public long current() {
        Long version = db.jdbc().queryForObject("SELECT version FROM users_version WHERE id = 1", Long.class);
        return version == null ? 0 : version;
    }

    /** Joins the caller's transaction, like the write it marks. */
    void raise() {
        db.jdbc().update("UPDATE users_version SET version = version + 1 WHERE id = 1");
    }

}
