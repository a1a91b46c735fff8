package io.useringest.web;

/**
 * Changes asked for were pruned by the retention; answered with 410 naming where the feed
 * continues.
 */
public class ChangesGoneException extends RuntimeException {

    private final long horizon;

    public ChangesGoneException(long asked, long horizon) {
        super("the changes after seq " + asked + " up to seq " + horizon + " are no longer kept (CHANGES_RETENTION); "
                + "re-read /data and continue with after=" + horizon);
        this.horizon = horizon;
    }

    /** The seq to continue after once /data was re-read. */
    public long resumeAfter() {
        return horizon;
    }

}
