package io.useringest.users;

import io.useringest.db.Database;
import org.jspecify.annotations.Nullable;

/**
 * The {@link BirthdateSummary} of the users as they are now: rebuilt from
 * {@code birthdate_counts} when the users' version has moved since it was built, so an
 * answer is never older than the last committed run, also another instance's.
 */
public class StatsSummaries {

    private record Built(long version, BirthdateSummary summary) {
    }

    private final Database db;

    private final UsersVersion version;

    private volatile @Nullable Built built;

    public StatsSummaries(Database db, UsersVersion version) {
        this.db = db;
        this.version = version;
    }

    public BirthdateSummary current() {
        long now = version.current();
        Built cached = built;
        if (cached != null && cached.version() == now) {
            return cached.summary();
        }
        return rebuild(now);
    }

    /**
     * One rebuild at a time: requests that arrive during it take its result. The summary
     * is read after {@code now}, so it holds at least that version's users; if a run
     * committed in between, the next request sees a newer version and rebuilds again.
     */
    private synchronized BirthdateSummary rebuild(long now) {
        Built cached = built;
        if (cached != null && cached.version() == now) {
            return cached.summary();
        }
        BirthdateSummary.Builder summary = new BirthdateSummary.Builder();
        String sql = "SELECT birthdate, has_image, users, birthts_sum FROM birthdate_counts "
                + "ORDER BY birthdate, has_image";
        db.jdbc().query(sql, rows -> {
            summary.add(db.localDate(rows, 1), rows.getBoolean(2), rows.getLong(3), rows.getLong(4));
        });
        BirthdateSummary result = summary.build();
        built = new Built(now, result);
        return result;
    }

}
