package io.useringest.admin;

import io.useringest.runs.RunReport;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The console's front page: what an operator checks first. Users figures equal GET
 * /stats, run figures GET /runs.
 */
record Dashboard(@Nullable Instant lastUpdate, long users, long withImage, long withoutImage, long rejectedNow,
        long heldRemovals, String storage, String database, long outputPending, boolean outputBehind,
        @Nullable Instant nextRun, String events, @Nullable Double lastEventLagSeconds, List<RunReport> recentRuns,
        @Nullable RunReport running) {
}
