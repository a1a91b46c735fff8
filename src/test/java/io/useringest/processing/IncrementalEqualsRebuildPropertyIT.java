package io.useringest.processing;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * docs/contract.md "Equivalence": after any sequence of source changes (adds, changes,
 * deletes, moves between folders and archives, image adds, swaps and removals) the
 * incremental runs leave the same users table, output.csv and published images as one
 * full rebuild over the final source. Runs the real pipeline on S3Proxy and SQLite.
 */
class IncrementalEqualsRebuildPropertyIT {

    private static final List<String> USERS = List.of("1", "02", "3");

    private static final List<String> PLACES = List.of("a/", "b/c/", "x.zip");

    private static final List<String> FILES = List.of("csv", "png", "jpg");

    static final int SLOTS = USERS.size() * PLACES.size() * FILES.size();

    static final int KEEP = -2;

    static final int ABSENT = -1;

    /**
     * Each step sets every file slot (user x place x file type) to: keep, absent, or
     * content variant 0-2.
     */
    @Provide
    Arbitrary<List<List<Integer>>> histories() {
        Arbitrary<Integer> slot = Arbitraries.frequency(Tuple.of(6, KEEP), Tuple.of(3, ABSENT), Tuple.of(1, 0),
                Tuple.of(1, 1), Tuple.of(1, 2));
        return slot.list().ofSize(SLOTS).list().ofMinSize(2).ofMaxSize(5);
    }

    @Property(tries = 30)
    void incrementalRunsEqualAFullRebuildOnSqlite(@ForAll("histories") List<List<Integer>> history) throws IOException {
        check(TestDatabase.SQLITE, history);
    }

    @Property(tries = 15)
    void incrementalRunsEqualAFullRebuildOnPostgresql(@ForAll("histories") List<List<Integer>> history)
            throws IOException {
        check(TestDatabase.POSTGRESQL, history);
    }

    private static void check(TestDatabase database, List<List<Integer>> history) throws IOException {
        try (TestPipeline p = TestPipeline.fresh(database, "in/")) {
            int[] state = new int[SLOTS];
            Arrays.fill(state, ABSENT);
            for (List<Integer> step : history) {
                apply(p, state, step);
                assertThat(p.run().error()).isNull();
            }
            p.assertEquivalentToFullRebuild();
        }
    }

    /**
     * Makes one step's changes in the source; returns the keys written or deleted
     * (relative to the prefix).
     */
    static List<String> apply(TestPipeline p, int[] state, List<Integer> step) throws IOException {
        List<String> touched = new ArrayList<>();
        List<String> archiveTouched = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            int target = step.get(slot);
            if (target == KEEP || target == state[slot]) {
                continue;
            }
            Statistics.collect(target == ABSENT ? (state[slot] == ABSENT ? "noop" : "delete")
                    : state[slot] == ABSENT ? "add" : "change");
            state[slot] = target;
            String place = place(slot);
            if (place.endsWith("/")) {
                touched.add(place + name(slot));
                if (target == ABSENT) {
                    p.delete(place + name(slot));
                }
                else {
                    p.put(place + name(slot), content(slot, target));
                }
            }
            else if (!archiveTouched.contains(place)) {
                archiveTouched.add(place);
            }
        }
        for (String archive : archiveTouched) {
            Map<String, String> entries = new TreeMap<>();
            for (int slot = 0; slot < SLOTS; slot++) {
                if (place(slot).equals(archive) && state[slot] != ABSENT) {
                    entries.put("users/" + name(slot), content(slot, state[slot]));
                }
            }
            touched.add(archive);
            if (entries.isEmpty()) {
                p.delete(archive);
            }
            else {
                p.put(archive, PipelineIT.zip(entries));
            }
        }
        return touched;
    }

    private static String place(int slot) {
        return PLACES.get(slot / FILES.size() % PLACES.size());
    }

    private static String name(int slot) {
        return USERS.get(slot / (FILES.size() * PLACES.size())) + "." + FILES.get(slot % FILES.size());
    }

    private static String content(int slot, int variant) {
        String name = name(slot);
        return name.endsWith(".csv")
                ? csv("First" + variant, "Last" + name.substring(0, name.indexOf('.')), variant * 1000L - 500)
                : "img-" + name + "-" + variant;
    }

}
