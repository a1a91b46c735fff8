package io.useringest.processing;

import static io.useringest.support.TestPipeline.csv;
import static io.useringest.support.TestStorage.storeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.publish.OutputHealth;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import io.useringest.storage.EmbeddedS3Server;
import io.useringest.storage.ObjectStore;
import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Status;

/**
 * Failures in the middle of a run leave the previous state, and the next run completes
 * the work.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class FaultIT {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private static void dropUsers(Path bucketDir, int count) throws IOException {
        Path folder = bucketDir.resolve("bulk");
        Files.createDirectories(folder);
        for (int i = 0; i < count; i++) {
            Files.writeString(folder.resolve("u" + i + ".csv"), csv("Bulk", "User" + i, i * 1000L));
        }
    }

    @Test
    void storageStoppedMidRunFailsTheRunChangesNothingAndTheNextRunCompletes() throws Exception {
        Path s3 = dir.resolve("s3");
        EmbeddedS3Server server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin");
        int port = server.port();
        ObjectStore store = storeOf(server);
        try (TestPipeline p = TestPipeline.on(server.endpoint(), store, dir, database, database.newUrl(dir))) {
            p.put("first.csv", csv("First", "User", 1));
            p.succeed();
            Map<String, String> before = p.users();
            String csvBefore = p.outputCsv();
            dropUsers(s3.resolve("source"), 6000);

            CompletableFuture<RunReport> run = p.processing().request(RunTrigger.REQUEST, false);
            long id = waitForReads(p, 50);
            server.close();
            RunReport failed = run.get(60, TimeUnit.SECONDS);

            assertThat(failed.id()).isEqualTo(id);
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.error()).startsWith("storage failed:").contains("nothing was changed");
            assertThat(failed.committed()).isFalse();
            assertThat(p.users()).isEqualTo(before);

            server = EmbeddedS3Server.start(s3, port, "minioadmin", "minioadmin");
            assertThat(p.outputCsv()).isEqualTo(csvBefore);
            RunReport next = p.succeed();
            assertThat(next.usersAdded()).isEqualTo(6000);
            assertThat(p.users()).hasSize(6001);
            p.assertEquivalentToFullRebuild();
        }
        finally {
            server.close();
        }
    }

    /**
     * No listing brings an event's keys back before the next full run (an hour by
     * default): a targeted run that fails while storage is away keeps its keys and asks
     * for them again, with backoff, until a run carries them.
     */
    @Test
    void theKeysOfATargetedRunThatFailedAreRetriedUntilStorageAnswers() throws Exception {
        Path s3 = dir.resolve("s3");
        EmbeddedS3Server server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin");
        int port = server.port();
        ObjectStore store = storeOf(server);
        try (TestPipeline p = TestPipeline.on(server.endpoint(), store, dir, database, database.newUrl(dir))) {
            p.succeed();
            p.put("late/k1.csv", csv("Kept", "Key", 1));
            p.put("late/k2.csv", csv("Kept", "Key", 2));
            server.close();

            RunReport failed = p.processing()
                .requestKeys(List.of("late/k1.csv", "late/k2.csv"))
                .get(60, TimeUnit.SECONDS);
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.objectsListed()).as("the keys the failed run was given").isEqualTo(2);

            server = EmbeddedS3Server.start(s3, port, "minioadmin", "minioadmin");
            Instant deadline = Instant.now().plusSeconds(30);
            while (!p.users().containsKey("k2") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(p.users()).as("the users of the failed run's keys, with no other request")
                .containsKeys("k1", "k2");
            p.assertEquivalentToFullRebuild();
        }
        finally {
            server.close();
        }
    }

    @Test
    void storageGoneWhilePublishingCommitsReportsWhatIsOwedAndTheRetryCatchesUp() throws Exception {
        Path s3 = dir.resolve("s3");
        EmbeddedS3Server server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin");
        int port = server.port();
        ObjectStore store = storeOf(server);
        try (TestPipeline p = TestPipeline.on(server.endpoint(), store, dir, database, database.newUrl(dir),
                Map.of("processing.publish-retry", "PT2S"))) {
            CompletableFuture<RunReport> run = storageStopsOnceARunCommits(p, server, s3);
            RunReport failed = run.get(60, TimeUnit.SECONDS);

            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.committed()).as("committed before publishing failed").isTrue();
            assertThat(failed.outputPending()).isPositive();
            assertThat(failed.error()).startsWith("publishing failed after the database was updated")
                .contains(failed.outputPending() + " output changes are pending");
            assertThat(p.runs().find(failed.id()).orElseThrow()).isEqualTo(failed);
            assertThat(p.users()).as("the database serves the run's changes").hasSize(1501);
            OutputHealth health = new OutputHealth(p.publisher());
            assertThat(health.health().getStatus()).isEqualTo(OutputHealth.BEHIND);

            server = EmbeddedS3Server.start(s3, port, "minioadmin", "minioadmin");
            p.processing().publishOwed();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (p.publisher().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            p.assertEquivalentToFullRebuild();
        }
        finally {
            server.close();
        }
    }

    @Test
    void storageBrieflyAwayWhilePublishingIsRetriedInsideTheRun() throws Exception {
        Path s3 = dir.resolve("s3");
        EmbeddedS3Server server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin");
        int port = server.port();
        ObjectStore store = storeOf(server);
        try (TestPipeline p = TestPipeline.on(server.endpoint(), store, dir, database, database.newUrl(dir),
                Map.of("processing.publish-retry", "PT60S"))) {
            CompletableFuture<RunReport> run = storageStopsOnceARunCommits(p, server, s3);
            Thread.sleep(1500);
            server = EmbeddedS3Server.start(s3, port, "minioadmin", "minioadmin");
            RunReport report = run.get(90, TimeUnit.SECONDS);

            assertThat(report.status()).as("error: %s", report.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(report.committed()).isTrue();
            assertThat(report.outputPending()).isZero();
            p.assertEquivalentToFullRebuild();
        }
        finally {
            server.close();
        }
    }

    /**
     * Starts a run that adds 1,500 users with images and stops the S3 server the moment
     * the run commits.
     */
    private static CompletableFuture<RunReport> storageStopsOnceARunCommits(TestPipeline p, EmbeddedS3Server server,
            Path s3) throws Exception {
        p.put("first.csv", csv("First", "User", 1));
        p.succeed();
        dropUsersWithImages(s3.resolve("source"), 1500);
        CompletableFuture<RunReport> run = p.processing().request(RunTrigger.REQUEST, false);
        waitForCommit(p);
        server.close();
        return run;
    }

    private static void dropUsersWithImages(Path bucketDir, int count) throws IOException {
        dropUsers(bucketDir, count);
        for (int i = 0; i < count; i++) {
            Files.writeString(bucketDir.resolve("bulk").resolve("u" + i + ".png"), "png-" + i);
        }
    }

    private static void waitForCommit(TestPipeline p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (p.processing().current().filter(RunReport::committed).isPresent()) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the run did not commit within 60 s");
    }

    private static long waitForReads(TestPipeline p, long reads) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var live = p.processing().current();
            if (live.isPresent() && live.get().objectsRead() >= reads) {
                return live.get().id();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the run did not start reading within 30 s");
    }

    @Test
    void processKilledMidRunLeavesNoTraceAndTheNextRunCompletesWithoutDuplicatesOrLosses() throws Exception {
        Path s3 = dir.resolve("s3");
        try (EmbeddedS3Server server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin")) {
            ObjectStore store = storeOf(server);
            String databaseUrl = database.newUrl(dir);
            MidRun run = processMidRun(server.endpoint(), store, s3, databaseUrl);
            Process child = run.child();
            StringBuffer output = run.output();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(child.exitValue()).as("killed, not finished").isEqualTo(137);

            try (TestPipeline p = TestPipeline.on(server.endpoint(), store, dir, database, databaseUrl)) {
                RunReport killed = p.runs().find(2).orElseThrow();
                assertThat(killed.status()).as("the killed run is recorded as running").isEqualTo(RunStatus.RUNNING);
                assertThat(p.users()).as("the killed run changed nothing").hasSize(1);

                RunReport next = p.succeed();
                assertThat(next.usersTotal()).isEqualTo(8001);
                assertThat(p.users()).hasSize(8001);
                assertThat(p.runs().find(2).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
                p.assertEquivalentToFullRebuild();
            }
        }
    }

    /**
     * A stop (SIGTERM, as a container stop or Ctrl-C sends) during a run: the run is
     * stopped and rolled back before the pools it uses close, and recorded as failed
     * because the service stopped, not as an unexpected failure.
     */
    @Test
    void aStopMidRunRollsTheRunBackAndSaysSo() throws Exception {
        Path s3 = dir.resolve("s3");
        try (EmbeddedS3Server server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin")) {
            ObjectStore store = storeOf(server);
            String databaseUrl = database.newUrl(dir);
            MidRun run = processMidRun(server.endpoint(), store, s3, databaseUrl);
            Process child = run.child();
            StringBuffer output = run.output();
            child.destroy();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            run.reader().join(5_000);

            try (TestPipeline p = TestPipeline.on(server.endpoint(), store, dir, database, databaseUrl)) {
                RunReport stopped = p.runs().find(2).orElseThrow();
                assertThat(stopped.status()).as("the child printed:%n%s", output).isEqualTo(RunStatus.FAILED);
                assertThat(stopped.error()).startsWith("the service stopped during the run; nothing was changed");
                assertThat(output.toString()).doesNotContain("unexpectedly", "RejectedExecutionException");
                assertThat(p.users()).as("the stopped run changed nothing").hasSize(1);
                assertThat(p.succeed().usersTotal()).isEqualTo(8001);
                p.assertEquivalentToFullRebuild();
            }
        }
    }

    /**
     * A process command's child, its output as collected so far and the thread collecting
     * it.
     */
    private record MidRun(Process child, StringBuffer output, Thread reader) {
    }

    /**
     * A process command run over 8,000 new users (one user loaded before), 0.7 s after it
     * started: long before it can end.
     */
    private MidRun processMidRun(String endpoint, ObjectStore store, Path s3, String databaseUrl) throws Exception {
        try (TestPipeline setup = TestPipeline.on(endpoint, store, dir, database, databaseUrl)) {
            setup.put("first.csv", csv("First", "User", 1));
            setup.succeed();
        }
        dropUsers(s3.resolve("source"), 8000);
        Process child = startProcessCommand(endpoint, databaseUrl);
        CountDownLatch started = new CountDownLatch(1);
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.contains("started (command)")) {
                        started.countDown();
                    }
                }
            }
            catch (IOException ignored) {
                // the child has gone
            }
        });
        reader.start();
        assertThat(started.await(60, TimeUnit.SECONDS)).as("the child's run started; it printed:%n%s", output).isTrue();
        Thread.sleep(700);
        return new MidRun(child, output, reader);
    }

    private Process startProcessCommand(String endpoint, String databaseUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.useringest.UserIngestApplication", "process");
        builder.environment().put("STORAGE_ENDPOINT", endpoint);
        builder.environment().put("DATA_DIR", dir.toString());
        builder.environment().put("DATABASE_URL", databaseUrl);
        builder.environment().put("DATABASE_USER", database.user());
        builder.environment().put("PROCESSING_READ_CONCURRENCY", "4");
        builder.environment().put("PROCESSING_LOCK_LEASE", "PT3S");
        builder.redirectErrorStream(true);
        return builder.start();
    }

}
