package io.useringest.processing;

import static io.useringest.processing.IncrementalEqualsRebuildPropertyIT.ABSENT;
import static io.useringest.processing.IncrementalEqualsRebuildPropertyIT.SLOTS;
import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.runs.RunReport;
import io.useringest.runs.RunScope;
import io.useringest.runs.RunTrigger;
import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * docs/contract.md "Storage events": for random histories of source changes whose events
 * were all delivered — duplicated, reordered, with events for keys that did not change or
 * changed again since — the targeted runs leave the users table, output.csv and published
 * images exactly as one full rebuild over the final source. And a lost event is made good
 * by the next full run. Real pipeline on S3Proxy, SQLite and PostgreSQL.
 */
class TargetedRunsEqualRebuildPropertyIT {

    @Provide
    Arbitrary<List<List<Integer>>> histories() {
        return new IncrementalEqualsRebuildPropertyIT().histories();
    }

    @Property(tries = 25)
    void targetedRunsEqualAFullRebuildOnSqlite(@ForAll("histories") List<List<Integer>> history, @ForAll long seed)
            throws IOException {
        check(TestDatabase.SQLITE, history, new Random(seed));
    }

    @Property(tries = 10)
    void targetedRunsEqualAFullRebuildOnPostgresql(@ForAll("histories") List<List<Integer>> history, @ForAll long seed)
            throws IOException {
        check(TestDatabase.POSTGRESQL, history, new Random(seed));
    }

    private static void check(TestDatabase database, List<List<Integer>> history, Random random) throws IOException {
        try (TestPipeline p = TestPipeline.fresh(database, "in/")) {
            int[] state = new int[SLOTS];
            Arrays.fill(state, ABSENT);
            List<String> everKnown = new ArrayList<>();
            List<String> events = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                for (String key : IncrementalEqualsRebuildPropertyIT.apply(p, state, history.get(i))) {
                    events.add("in/" + key);
                    everKnown.add("in/" + key);
                    if (random.nextInt(3) == 0) {
                        events.add("in/" + key); // delivered twice
                    }
                }
                boolean last = i == history.size() - 1;
                if (!last && random.nextInt(3) == 0) {
                    continue; // the next step's changes fall into the same window: put
                              // then delete, changed again
                }
                if (!everKnown.isEmpty() && random.nextBoolean()) {
                    events.add(everKnown.get(random.nextInt(everKnown.size()))); // late
                                                                                 // or
                                                                                 // stale
                }
                Collections.shuffle(events, random); // out of order
                RunReport report = p.runKeys(events);
                events.clear();
                assertThat(report.error()).isNull();
                assertThat(report.scope()).isEqualTo(RunScope.KEYS);
                assertThat(report.trigger()).isEqualTo(RunTrigger.EVENT);
            }
            p.assertEquivalentToFullRebuild();
        }
    }

    @Example
    void aLostEventIsMadeGoodByTheNextFullRun() {
        try (TestPipeline p = TestPipeline.fresh(TestDatabase.SQLITE, "in/")) {
            p.put("a.csv", csv("Known", "User", 1));
            p.runKeys(List.of("in/a.csv"));
            p.put("lost.csv", csv("Lost", "Event", 2));
            p.delete("a.csv");

            RunReport unrelated = p.runKeys(List.of("in/other.csv"));

            assertThat(unrelated.usersRemoved()).as("a key not given is never a removal").isZero();
            assertThat(p.users()).containsOnlyKeys("a");
            RunReport full = p.succeed();
            assertThat(full.scope()).isEqualTo(RunScope.FULL);
            assertThat(p.users()).containsOnlyKeys("lost");
            p.assertEquivalentToFullRebuild();
        }
    }

}
