package io.useringest.web;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import io.useringest.users.UserQueries;
import io.useringest.users.UsersVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unfiltered GET /data kept in a file: the same bytes as from the database, and never
 * older than the last committed run or than today (ages).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class FullDataFileIT {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static final JsonMapper JSON = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build();

    @Parameter
    TestDatabase database;

    private TestPipeline p;

    private FullDataFile body;

    @AfterEach
    void close() {
        if (p != null) {
            p.close();
        }
    }

    /** The body and, when it came from a file, its announced length (else -1). */
    private record Answer(String json, long length) {

        List<String> userIds() {
            List<String> ids = new ArrayList<>();
            JSON.readTree(json).forEach(u -> ids.add(u.get("user_id").asString()));
            return ids;
        }

    }

    private Answer get(LocalDate today) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] length = { -1 };
        body.write(today, out, bytes -> length[0] = bytes);
        return new Answer(out.toString(StandardCharsets.UTF_8), length[0]);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(p.settings.dataDir().resolve("rendered"))) {
            return files.toList();
        }
    }

    @Test
    void theFileIsTheDatabasesAnswerUntilARunOrMidnight() throws Exception {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 0));
        p.put("2.csv", csv("Second", "User", 86_400_000L * 365));
        p.succeed();
        body = new FullDataFile(p.bean(UserQueries.class), p.bean(UsersVersion.class), JSON, p.settings);

        Answer fromDatabase = get(TODAY);
        assertThat(fromDatabase.length()).as("streamed from the database").isEqualTo(-1);
        assertThat(fromDatabase.userIds()).containsExactly("1", "2");
        Answer fromFile = get(TODAY);
        assertThat(fromFile.length()).as("sent from the file").isEqualTo(fromFile.json().length());
        assertThat(fromFile.json()).isEqualTo(fromDatabase.json());
        assertThat(files()).hasSize(1);

        // A run: the file is no longer the users'.
        p.put("3.csv", csv("Third", "User", 1));
        p.runKeys(List.of("3.csv"));
        Answer afterRun = get(TODAY);
        assertThat(afterRun.length()).isEqualTo(-1);
        assertThat(afterRun.userIds()).containsExactly("1", "2", "3");
        assertThat(get(TODAY).json()).isEqualTo(afterRun.json());
        assertThat(files()).as("the earlier version's file is gone").hasSize(1);

        // Midnight: ages change, so does the body.
        JsonNode first = JSON.readTree(afterRun.json()).get(0);
        Answer nextYear = get(TODAY.plusYears(1));
        assertThat(nextYear.length()).isEqualTo(-1);
        assertThat(JSON.readTree(nextYear.json()).get(0).get("age").asInt()).isEqualTo(first.get("age").asInt() + 1);
        assertThat(files()).hasSize(1);
    }

    /**
     * A stream that fails before its first row (here the users table is away) sends
     * nothing: not an empty list, which a client would take for no users.
     */
    @Test
    void aStreamThatFailsSendsNoListAsIfWhole() throws Exception {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 0));
        p.succeed();
        body = new FullDataFile(p.bean(UserQueries.class), p.bean(UsersVersion.class), JSON, p.settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.database().jdbc().execute("ALTER TABLE users RENAME TO users_away");
        try {
            assertThatThrownBy(() -> body.write(TODAY, out, bytes -> {
            })).isInstanceOf(DataAccessException.class);
        }
        finally {
            p.database().jdbc().execute("ALTER TABLE users_away RENAME TO users");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).as("what the client was sent").isEmpty();
        assertThat(get(TODAY).userIds()).containsExactly("1");
    }

    /**
     * Many clients asking for the body while it is rendered (a restart at a million
     * users): a few stream from the database and the rest wait, so a query still gets a
     * connection at once; every client gets the whole body.
     */
    @Test
    void clientsAskingWhileTheFileIsWrittenLeaveConnectionsForOtherRequests() throws Exception {
        p = TestPipeline.fresh(database, "");
        for (int i = 0; i < 300; i++) {
            p.put(1000 + i + ".csv", csv("First" + i, "User" + i, 86_400_000L * i));
        }
        p.succeed();
        body = new FullDataFile(p.bean(UserQueries.class), p.bean(UsersVersion.class), JSON, p.settings);

        int clients = 16;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger sending = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    HeldClient out = new HeldClient(go, sending);
                    body.write(TODAY, out, bytes -> {
                    });
                    return out.toString(StandardCharsets.UTF_8);
                }));
            }
            // Every client that got a stream (from the database: no file yet) is held at
            // its first bytes, with its connection.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sending.get() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            assertThat(sending.get()).as("clients sent to while the file is written: the render and 4 streams")
                .isEqualTo(5);
            assertThat(p.database().jdbc().queryForObject("SELECT COUNT(*) FROM users", Long.class))
                .as("a query while %d clients wait for the body", clients)
                .isEqualTo(300);
            go.countDown();
            String whole = get(TODAY).json();
            assertThat(JSON.readTree(whole).size()).isEqualTo(300);
            for (Future<String> answer : answers) {
                assertThat(answer.get(1, TimeUnit.MINUTES)).isEqualTo(whole);
            }
        }
        finally {
            go.countDown();
            pool.shutdownNow();
        }
    }

    /** A client that takes its first bytes and then reads no more until {@code go}. */
    private static final class HeldClient extends ByteArrayOutputStream {

        private final CountDownLatch go;

        private final AtomicInteger sending;

        private boolean counted;

        HeldClient(CountDownLatch go, AtomicInteger sending) {
            this.go = go;
            this.sending = sending;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            if (!counted) {
                counted = true;
                sending.incrementAndGet();
                try {
                    go.await();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.write(bytes, offset, length);
        }

    }

}
