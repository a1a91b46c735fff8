package io.useringest.publish;

import java.util.Optional;

/**
 * Where output.csv stands against the database, as kept in the service state under
 * {@code output_csv_stale}: never written, in step, or stale since a run (that run's own
 * mark, so a write that began before it cannot clear it). Stored as {@code false} and
 * {@code run <id>}.
 */
sealed interface CsvMark permits CsvMark.NeverWritten, CsvMark.InStep, CsvMark.Stale {

    /** No output.csv yet (a full rebuild of an empty source still writes one). */
    record NeverWritten() implements CsvMark {
    }

    /** output.csv equals the database as of the last run that changed it. */
    record InStep() implements CsvMark {

        static final String STORED = "false";

    }

    /** A run changed the users after output.csv was last written. */
    record Stale(long runId) implements CsvMark {

        static final String PREFIX = "run ";

        String stored() {
            return PREFIX + runId;
        }

    }

    static CsvMark read(Optional<String> stored) {
        if (stored.isEmpty()) {
            return new NeverWritten();
        }
        String value = stored.get();
        if (value.startsWith(Stale.PREFIX)) {
            return new Stale(Long.parseLong(value.substring(Stale.PREFIX.length())));
        }
        return new InStep();
    }

}
