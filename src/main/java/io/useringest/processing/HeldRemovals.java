package io.useringest.processing;

import io.useringest.db.Database;
import java.util.Collection;

/**
 * Users whose CSV is gone but whom the deletion guard kept; a forced run removes them.
 */
public class HeldRemovals {

    private final Database db;

    public HeldRemovals(Database db) {
        this.db = db;
    }

    public void hold(Collection<String> userIds) {
        db.jdbc()
            .batchUpdate("INSERT INTO held_removals (user_id) VALUES (?) ON CONFLICT DO NOTHING",
                    userIds.stream().map(id -> new Object[] { id }).toList());
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

    public long count() {
        Long count = db.jdbc().queryForObject("SELECT COUNT(*) FROM held_removals", Long.class);
        return count == null ? 0 : count;
    }

}
