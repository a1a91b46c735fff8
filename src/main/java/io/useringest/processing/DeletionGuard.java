package io.useringest.processing;

/**
 * docs/contract.md "Deletion guard": a run that would remove more than half of the users,
 * when there are at least 20, removes none of them (a wrong prefix or an emptied bucket
 * must not wipe the data); a forced run is not held back.
 */
public final class DeletionGuard {

    static final int MIN_USERS = 20;

    private DeletionGuard() {
    }

    public static boolean holdsBack(boolean forced, long usersBefore, long removals) {
        return !forced && usersBefore >= MIN_USERS && removals * 2 > usersBefore;
    }

    public static String warning(long usersBefore, long removals) {
        return "deletion guard: this run would remove " + removals + " of " + usersBefore
                + " users (more than half), so it removed none; check SOURCE_BUCKET and SOURCE_PREFIX, "
                + "or run with force (POST /data?force=true) if the removal is intended";
    }

    public static String stillHeldWarning(long held) {
        return "deletion guard: " + held + " users have no CSV left but were kept; run with force "
                + "(POST /data?force=true) to remove them";
    }

}
