package io.useringest.users;

import io.useringest.db.AnnouncedNumber;
import io.useringest.db.Database;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The users table's version: every transaction that writes users raises it (in that
 * transaction), so a reader can tell whether something it derived from the users is still
 * theirs, whichever instance or process wrote them. Read per request with one primary-key
 * read; on PostgreSQL, where a round trip costs more than a whole /stats answer, every
 * commit announces it instead ({@link AnnouncedNumber}) and the read is the fallback
 * while the announcements are not heard.
 */
public class UsersVersion implements AutoCloseable {

    private static final String READ = "SELECT version FROM users_version WHERE id = 1";

    private final Database db;

    private final AnnouncedNumber announced;

    /** Reads the version from the database on every call. */
    public UsersVersion(Database db) {
        this(db, null);
    }

    private UsersVersion(Database db, AnnouncedNumber announced) {
        this.db = db;
        this.announced = announced;
    }

    /** Listens for the version's announcements where the database makes them. */
    public static UsersVersion listening(Database db) {
        return new UsersVersion(db, db.dialect().announcesUsersVersion()
                ? new AnnouncedNumber(db.dataSource(), "users_version", READ) : null);
    }

    public long current() {
        if (announced != null) {
            OptionalLong latest = announced.latest();
            if (latest.isPresent()) {
                return latest.getAsLong();
            }
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
    }

}
