package io.useringest.users;

import io.useringest.db.AnnouncedNumber;
import io.useringest.db.Database;
import io.useringest.db.FollowedNumber;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The users table's version: every transaction that writes users raises it (in that
 * transaction), so a reader can tell whether something it derived from the users is still
 * theirs, whichever instance or process wrote them. The service's own reader follows it
 * as the dialect chooses ({@link io.useringest.db.DatabaseDialect#follow}: a read kept
 * prepared on SQLite, told of every commit on PostgreSQL, where a round trip costs more
 * than a whole /stats answer); a read from the pool is the fallback.
 */
public class UsersVersion implements AutoCloseable {

    private static final String READ = "SELECT version FROM users_version WHERE id = 1";

    private final Database db;

    private final FollowedNumber followed;

    /** Reads the version from the pool on every call. */
    public UsersVersion(Database db) {
        this(db, new FollowedNumber.Unfollowed());
    }

    private UsersVersion(Database db, FollowedNumber followed) {
        this.db = db;
        this.followed = followed;
    }

    /**
     * The service's reader, on a pool connection of its own, following the version the
     * way the database's dialect does it best.
     */
    public static UsersVersion forService(Database db) {
        return new UsersVersion(db, db.dialect().follow(db.dataSource(), "users_version", READ));
    }

    public long current() {
        OptionalLong known = followed.latest();
        if (known.isPresent()) {
            return known.getAsLong();
        }
        Long version = db.jdbc().queryForObject(READ, Long.class);
        return version == null ? 0 : version;
    }

    /**
     * Joins the caller's transaction, like the write it marks; once that commits this
     * process knows the new version at once (the announcement reaches other processes).
     */
    void raise() {
        if (!(followed instanceof AnnouncedNumber announced)) {
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
    Optional<AnnouncedNumber> announcements() {
        return followed instanceof AnnouncedNumber announced ? Optional.of(announced) : Optional.empty();
    }

    @Override
    public void close() {
        followed.close();
    }

}
