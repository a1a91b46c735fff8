package io.useringest.changes;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.runs.RunStatus;
import io.useringest.storage.EmbeddedS3Server;
import io.useringest.storage.ObjectStore;
import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import io.useringest.support.TestStorage;
import io.useringest.users.UserRepository;
import io.useringest.users.UserRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * docs/contract.md "The change feed": a consumer that applies the feed from after=0, or
 * from a seq it saw together with the table as it was then, ends with exactly the users
 * table, after any mix of runs — full, targeted (storage events), forced, held back by
 * the deletion guard, failed (storage away) — and every seq it is given is greater than
 * the one before. Real pipeline on S3Proxy, SQLite and PostgreSQL.
 */
class ChangeFeedPropertyIT {

    private static final int USERS = 24;

    /**
     * What a step does: change some users, or remove most of them (the guard holds that
     * back).
     */
    enum Step {

        FULL, TARGETED, FORCED, FAILED, REMOVE_MOST

    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.of(Step.class).list().ofMinSize(3).ofMaxSize(8);
    }

    @Property(tries = 12)
    void theFeedRebuildsTheTableOnSqlite(@ForAll("steps") List<Step> steps, @ForAll long seed) throws Exception {
        check(TestDatabase.SQLITE, steps, new Random(seed));
    }

    @Property(tries = 6)
    void theFeedRebuildsTheTableOnPostgresql(@ForAll("steps") List<Step> steps, @ForAll long seed) throws Exception {
        check(TestDatabase.POSTGRESQL, steps, new Random(seed));
    }

    private static void check(TestDatabase database, List<Step> steps, Random random) throws Exception {
        Path dir = Files.createTempDirectory("feed");
        Path s3 = dir.resolve("s3");
        EmbeddedS3Server server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin");
        int port = server.port();
        ObjectStore store = TestStorage.storeOf(server);
        try (TestPipeline p = TestPipeline.on(server.endpoint(), store, dir, database, database.newUrl(dir))) {
            Consumer fromStart = new Consumer(0, new TreeMap<>());
            Consumer fromMidway = null;
            for (int user = 0; user < USERS; user++) {
                put(p, random, user);
            }
            p.succeed();
            for (Step step : steps) {
                Statistics.collect(step);
                List<String> touched = change(p, random, step);
                switch (step) {
                    case FULL, REMOVE_MOST -> assertThat(p.run().error()).isNull();
                    case TARGETED -> assertThat(p.runKeys(touched).error()).isNull();
                    case FORCED -> assertThat(p.forcedRun().error()).isNull();
                    case FAILED -> {
                        server.close();
                        assertThat(p.run().status()).isEqualTo(RunStatus.FAILED);
                        server = EmbeddedS3Server.start(s3, port, "minioadmin", "minioadmin");
                    }
                }
                fromStart.catchUp(p);
                assertThat(fromStart.table).as("the feed from after=0, after a %s run", step).isEqualTo(p.users());
                if (fromMidway == null && random.nextBoolean()) {
                    fromMidway = new Consumer(fromStart.after, new TreeMap<>(p.users()));
                }
                else if (fromMidway != null) {
                    fromMidway.catchUp(p);
                    assertThat(fromMidway.table).as("the feed from a seq seen, after a %s run", step)
                        .isEqualTo(p.users());
                }
            }
        }
        finally {
            server.close();
        }
    }

    /** Puts or changes a user's CSV (and at times its image); returns the CSV's key. */
    private static String put(TestPipeline p, Random random, int user) {
        String key = (user % 3 == 0 ? "deep/er" : "loose") + "/" + user + ".csv";
        p.put(key, csv("First" + random.nextInt(3), "Last" + user, random.nextInt(3) * 86_400_000L));
        if (random.nextInt(4) == 0) {
            p.put("loose/" + user + ".png", "png-" + random.nextInt(3));
        }
        return key;
    }

    private static List<String> change(TestPipeline p, Random random, Step step) {
        List<String> touched = new ArrayList<>();
        int changes = step == Step.REMOVE_MOST ? USERS * 3 / 4 : 1 + random.nextInt(6);
        for (int i = 0; i < changes; i++) {
            int user = step == Step.REMOVE_MOST ? i : random.nextInt(USERS);
            String key = (user % 3 == 0 ? "deep/er" : "loose") + "/" + user + ".csv";
            if (step == Step.REMOVE_MOST || random.nextInt(3) == 0) {
                p.delete(key);
                touched.add(key);
            }
            else {
                touched.add(put(p, random, user));
            }
        }
        return touched;
    }

    /** A downstream copy of the table kept by the feed alone. */
    private static final class Consumer {

        private long after;

        private final Map<String, String> table;

        Consumer(long after, Map<String, String> table) {
            this.after = after;
            this.table = table;
        }

        void catchUp(TestPipeline p) {
            ChangeLog log = p.bean(ChangeLog.class);
            List<UserChange> page;
            do {
                page = log.after(after, 7, null, null);
                for (UserChange change : page) {
                    assertThat(change.seq()).as("seq increases").isGreaterThan(after);
                    after = change.seq();
                    UserRow row = change.row();
                    if (row == null) {
                        assertThat(table).as("a delete of a user the consumer has").containsKey(change.userId());
                        table.remove(change.userId());
                    }
                    else {
                        String imgPath = row.imgPath();
                        table.put(change.userId(),
                                row.firstName() + "|" + row.lastName() + "|" + row.birthts() + "|"
                                        + UserRepository.birthdate(row.birthts()) + "|"
                                        + (imgPath == null ? "" : imgPath.replace(p.outputBucket + "/", "")));
                    }
                }
            }
            while (!page.isEmpty());
        }

    }

}
