package io.useringest.processing;

import io.useringest.runs.RunScope;
import java.util.HashSet;
import java.util.Set;

/**
 * What a run is asked to look at: the whole source, or exactly some keys (storage
 * events).
 */
public sealed interface RunRequest permits RunRequest.Full, RunRequest.Keys {

    RunScope scope();

    /**
     * This request joined with a later one, as the next run will carry both: a full run
     * covers any keys.
     */
    RunRequest and(RunRequest later);

    /** The whole source is listed and compared with the ledger. */
    record Full() implements RunRequest {

        @Override
        public RunScope scope() {
            return RunScope.FULL;
        }

        @Override
        public RunRequest and(RunRequest later) {
            return this;
        }

    }

    /** Only these keys are looked up; no other key is taken as removed. */
    record Keys(Set<String> keys) implements RunRequest {

        public Keys {
            keys = Set.copyOf(keys);
        }

        @Override
        public RunScope scope() {
            return RunScope.KEYS;
        }

        @Override
        public RunRequest and(RunRequest later) {
            if (later instanceof Keys more) {
                Set<String> all = new HashSet<>(keys);
                all.addAll(more.keys());
                return new Keys(all);
            }
            return later;
        }

    }

}
