package io.useringest.users;

import io.useringest.db.Database;
import io.useringest.db.NotifiedVersionTracker;
import io.useringest.db.VersionTracker;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The users table's version: every transaction that writes users raises it (in that
 * transaction), so a reader can tell whether something it derived from the users is still
 * theirs, whichever instance or process wrote them. The service's own reader follows it
 * as the dialect chooses ({@link io.useringest.db.DatabaseDialect#trackVersion}: a read
 * kept prepared on SQLite, told of every commit on PostgreSQL, where a round trip costs
 * more than a whole /stats answer); a read from the pool is the fallback.
 */
public class UsersVersion implements AutoCloseable {

    private static final String READ = "SELECT version FROM users_version WHERE id = 1";

    private final Database db;

    private final VersionTracker tracker;

    /** Reads the version from the pool on every call. */
    public UsersVersion(Database db) {
        this(db, new VersionTracker.Untracked());
    }

    private UsersVersion(Database db, VersionTracker tracker) {
        this.db = db;
        this.tracker = tracker;
    }

    /**
     * The service's reader, on a pool connection of its own, following the version the
     * way the database's dialect does it best.
     */
    public static UsersVersion forService(Database db) {
        return new UsersVersion(db, db.dialect().trackVersion(db.dataSource(), "users_version", READ));
    }

    public long current() {
        OptionalLong known = tracker.latest();
        if (known.isPresent()) {
            return known.getAsLong();
        }
        return db.queryForLong(READ);
    }

    /**
     * Joins the caller's transaction, like the write it marks; once that commits this
     * process knows the new version at once (the announcement reaches other processes).
     */
    void raise() {
        if (!(tracker instanceof NotifiedVersionTracker announced)) {
            db.jdbc().update("UPDATE users_version SET version = version + 1 WHERE id = 1");
            return;
        }
        long raised = db.queryForLong("UPDATE users_version SET version = version + 1 WHERE id = 1 RETURNING version");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    announced.advance(raised);
                }
            });
        }
        else {
            announced.advance(raised);
        }
    }

    /** The announcements this version listens to, if any. */
    Optional<NotifiedVersionTracker> announcements() {
        return tracker instanceof NotifiedVersionTracker announced ? Optional.of(announced) : Optional.empty();
    }

    @Override
    public void close() {
        tracker.close();
    }

}
