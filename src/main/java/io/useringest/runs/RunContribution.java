package io.useringest.runs;

import java.util.List;

/**
 * What one chunk of a run adds to the run's counters, as one value (like Spring Batch's
 * StepContribution): the decisions are made purely, and the run's progress takes their
 * sum in one step.
 */
public record RunContribution(long usersAdded, long usersUpdated, long usersRemoved, long orphanImages,
        List<String> warnings) {

    public static final RunContribution NONE = new RunContribution(0, 0, 0, 0, List.of());

}
