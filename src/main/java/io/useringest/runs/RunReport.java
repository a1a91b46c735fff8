package io.useringest.runs;

import java.time.Instant;
import java.util.List;

/** The record of one processing run, as stored and as the API shows it. */
public record RunReport(
        long id,
        RunTrigger trigger,
        boolean forced,
        RunStatus status,
        Instant startedAt,
        Instant finishedAt,
        long objectsListed,
        long objectsRead,
        long objectsIgnored,
        long orphanImages,
        long usersAdded,
        long usersUpdated,
        long usersRemoved,
        long usersUnchanged,
        long usersTotal,
        List<Rejection> rejected,
        List<String> warnings,
        String error) {
}
