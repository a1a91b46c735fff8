package io.useringest.runs;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The record of one processing run, as stored and as the API shows it.
 * {@code outputPending} is how many output changes (image copies and deletions,
 * output.csv) were still owed to the output bucket when the run ended.
 */
public record RunReport(long id, RunTrigger trigger, RunScope scope, boolean forced, RunStatus status,
        Instant startedAt, @Nullable Instant finishedAt, long objectsListed, long objectsRead, long objectsIgnored,
        long orphanImages, long usersAdded, long usersUpdated, long usersRemoved, long usersUnchanged, long usersTotal,
        List<Rejection> rejected, List<String> warnings, @Nullable String error, boolean committed,
        long outputPending) {

    /**
     * Whether the run's database changes were committed (and so are served), even if
     * publishing then failed.
     */
    @Override
    public boolean committed() {
        return committed;
    }
}
