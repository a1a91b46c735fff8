package io.useringest.users;

import io.useringest.db.AnnouncedNumber;
import io.useringest.db.Database;
import io.useringest.db.KeptQuery;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The users table's version: every transaction that writes users raises it (in that
 * transaction), so a reader can tell whether something it derived from the users is still
 * theirs, whichever instance or process wrote them. Read per request with one primary-key
 * read; the service's own reader keeps that read prepared on SQLite ({@link KeptQuery}),
 * and on PostgreSQL, where a round trip costs more than a whole /stats answer, is told of
 * every commit instead ({@link AnnouncedNumber}); a read from the pool is the fallback of
 * both.
 */
public class UsersVersion implements AutoCloseable {

    private static final String READ = "SELECT version FROM users_version WHERE id = 1";

    private final Database db;

    private final AnnouncedNumber announced;

    private final KeptQuery kept;

    /** Reads the version from the pool on every call. */
    public UsersVersion(Database db) {
        this(db, null, null);
    }

    private UsersVersion(Database db, AnnouncedNumber announced, KeptQuery kept) {
        this.db = db;
        this.announced = announced;
        this.kept = kept;
    }

    /**
     * The service's reader, on a pool connection of its own: listening for the version's
     * announcements where the database makes them, else with its read kept prepared.
     */
    public static UsersVersion forService(Database db) {
        if (db.dialect().announcesUsersVersion()) {
            return new UsersVersion(db, new AnnouncedNumber(db.dataSource(), "users_version", READ), null);
        }
        return new UsersVersion(db, null, new KeptQuery(db.dataSource(), READ));
    }

    public long current() {
        OptionalLong known = announced != null ? announced.latest()
                : kept != null ? kept.readLong() : OptionalLong.empty();
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
        if (announced == null) {
            db.jdbc().update("UPDATE users_version SET version = version + 1 WHERE id = 1");
            return;
        }
        long raised = db.jdbc()
            .queryForObject("UPDATE users_version SET version = version + 1 WHERE id = 1 RETURNING version",
                    Long.class);
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
        return Optional.ofNullable(announced);
    }

    @Override
    public void close() {
        if (announced != null) {
            announced.close();
        }
        if (kept != null) {
            kept.close();
        }
    }

}
