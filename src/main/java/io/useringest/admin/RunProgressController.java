package io.useringest.admin;

import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunPhase;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunRepository;
import io.useringest.runs.RunScope;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * GET /admin/runs/{id}/progress: what a run's progress bar shows, polled by the page.
 * True on every instance: the counters come from the run's record (which the running
 * instance updates every second on PostgreSQL), or from this process if it runs it.
 */
@RestController
class RunProgressController {

    /** The bar while objects are listed and read, before the users are resolved. */
    static final int READING_SHARE = 80;

    /** The bar once the run has committed and publishes. */
    static final int PUBLISHING_AT = 95;

    record Progress(long id, String status, String phase, long objectsListed, long objectsRead, long usersResolved,
            long expectedObjects, int percent, String text) {
    }

    private final RunRepository runs;

    private final ProcessingService processing;

    RunProgressController(RunRepository runs, ProcessingService processing) {
        this.runs = runs;
        this.processing = processing;
    }

    @GetMapping("/admin/runs/{id}/progress")
    Progress progress(@PathVariable String id) {
        long runId = ConsolePages.runId(id);
        RunReport run = runs.find(runId)
            .map(processing::live)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run with id " + runId));
        return of(run, expectedObjects(run));
    }

    /**
     * A full run expects about as many objects as the last successful full run listed; a
     * targeted one, unknown until it ends.
     */
    private long expectedObjects(RunReport run) {
        return run.scope() == RunScope.FULL ? runs.lastFullListing() : 0;
    }

    static Progress of(RunReport run, long expected) {
        long resolved = RunPhase.usersResolved(run);
        RunPhase phase = RunPhase.of(run);
        int percent = switch (phase) {
            case DONE -> 100;
            case PUBLISHING -> PUBLISHING_AT;
            case RESOLVING_USERS -> READING_SHARE;
            case LISTING_AND_READING -> {
                long denominator = Math.max(expected, run.objectsListed());
                yield denominator == 0 ? 0 : (int) (READING_SHARE * run.objectsListed() / denominator);
            }
        };
        String text = String.format("%s: %,d objects listed, %,d read, %,d users resolved", phase.label(),
                run.objectsListed(), run.objectsRead(), resolved);
        return new Progress(run.id(), run.status().value(), phase.label(), run.objectsListed(), run.objectsRead(),
                resolved, expected, percent, text);
    }

}
