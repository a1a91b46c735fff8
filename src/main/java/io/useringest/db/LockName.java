package io.useringest.db;

/**
 * The locks processes sharing one database take: one for runs, one for output.csv writes.
 * Each dialect holds them its own way ({@link DatabaseDialect#lock}).
 */
public enum LockName {

    /** At most one run at a time. */
    RUN("processing-run", "run-lock"),

    /** output.csv writes in order, so the last written is the newest. */
    OUTPUT_CSV("output-csv", "output-csv-lock");

    private final String row;

    private final String fileSuffix;

    LockName(String row, String fileSuffix) {
        this.row = row;
        this.fileSuffix = fileSuffix;
    }

    /** Its name in the database's lock table (PostgreSQL). */
    String row() {
        return row;
    }

    /** The suffix of its file beside the database file (SQLite). */
    String fileSuffix() {
        return fileSuffix;
    }

}
