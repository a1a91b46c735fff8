package io.useringest.runs;

/**
 * Where a run is, as its counters tell: what the console's progress bar and the
 * {@code process} command's progress say.
 */
public enum RunPhase {

    LISTING_AND_READING("listing and reading"), RESOLVING_USERS("resolving users"), PUBLISHING("publishing"),
    DONE("done");

    private final String label;

    RunPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RunPhase of(RunReport run) {
        if (run.status() != RunStatus.RUNNING) {
            return DONE;
        }
        if (run.committed()) {
            return PUBLISHING;
        }
        return usersResolved(run) > 0 ? RESOLVING_USERS : LISTING_AND_READING;
    }

    /** Users decided so far: added, updated, removed or unchanged. */
    public static long usersResolved(RunReport run) {
        return run.usersAdded() + run.usersUpdated() + run.usersRemoved() + run.usersUnchanged();
    }

}
