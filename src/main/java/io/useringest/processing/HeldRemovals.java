package io.useringest.processing;

import io.useringest.db.Database;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Users whose CSV is gone but whom the deletion guard kept; a forced run removes them.
 */
public class HeldRemovals {

    private final Database db;

    public HeldRemovals(Database db) {
        this.db = db;
    }

    public void hold(Collection<String> userIds) {
        String since = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        db.jdbc()
            .batchUpdate("INSERT INTO held_removals (user_id, held_since) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    userIds.stream().map(id -> new Object[] { id, since }).toList());
    }

    /**
     * Makes every held user part of this run, so a forced run reconsiders (and removes)
     * them.
     */
    public void releaseIntoRun() {
        db.jdbc()
            .update("INSERT INTO run_affected (user_id) SELECT user_id FROM held_removals WHERE true ON CONFLICT DO "
                    + "NOTHING");
        db.jdbc().update("DELETE FROM held_removals");
    }

    /** Forgets held users whose CSV came back. */
    public void forgetRestored() {
        db.jdbc()
            .update("DELETE FROM held_removals WHERE EXISTS (SELECT 1 FROM source_entries e "
                    + "WHERE e.user_id = held_removals.user_id AND e.kind = 'CSV')");
    }

    /**
     * A held user and since when the guard keeps it (null: from before that was
     * recorded).
     */
    public record Held(String userId, @Nullable Instant since) {
    }

    /** The first held users in user_id order. */
    public List<Held> first(int limit) {
        return db.jdbc()
            .query("SELECT user_id, held_since FROM held_removals ORDER BY user_id" + db.dialect().keyOrder()
                    + " LIMIT ?", (rows, n) -> {
                        String since = rows.getString(2);
                        return new Held(rows.getString(1), since == null ? null : Instant.parse(since));
                    }, limit);
    }

    public long count() {
        return db.queryForLong("SELECT COUNT(*) FROM held_removals");
    }

}
