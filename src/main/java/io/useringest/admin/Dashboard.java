package io.useringest.admin;

import io.useringest.runs.RunReport;
import java.time.Instant;
import java.util.List;

/**
 * The console's front page: what an operator checks first. Users figures equal GET
 * /stats, run figures GET /runs.
 */
record Dashboard(Instant lastUpdate, long users, long withImage, long withoutImage, long rejectedNow, long heldRemovals,
        String storage, String database, long outputPending, boolean outputBehind, Instant nextRun, String events,
        Double lastEventLagSeconds, List<RunReport> recentRuns, RunReport running) {
}
