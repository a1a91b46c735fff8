package io.useringest.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.config.Settings;
import io.useringest.db.Database;
import io.useringest.processing.OutputCsvRefresh;
import io.useringest.processing.ProcessingConfiguration;
import io.useringest.processing.ProcessingService;
import io.useringest.publish.OutputPublisher;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunRepository;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * The service's processing over a test S3 server and a fresh database, with buckets of
 * its own, wired by the service's own configuration ({@link ProcessingConfiguration}).
 */
public final class TestPipeline implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final String sourceBucket;

    public final String outputBucket;

    public final String prefix;

    public final Settings settings;

    private final AnnotationConfigApplicationContext context;

    private final Path dir;

    private final ObjectStore store;

    public final TestDatabase database;

    private TestPipeline(TestDatabase database, String sourceBucket, String outputBucket, String prefix, Path dir,
            Map<String, String> extra) {
        this(database, database.newUrl(dir), sourceBucket, outputBucket, prefix, dir, extra,
                TestStorage.server().endpoint(), TestStorage.store());
    }

    private TestPipeline(TestDatabase database, String databaseUrl, String sourceBucket, String outputBucket,
            String prefix, Path dir, Map<String, String> extra, String endpoint, ObjectStore store) {
        this.database = database;
        this.store = store;
        this.sourceBucket = sourceBucket;
        this.outputBucket = outputBucket;
        this.prefix = prefix;
        this.dir = dir;
        MockEnvironment environment = new MockEnvironment().withProperty("storage.endpoint", endpoint)
            .withProperty("data.dir", dir.toString())
            .withProperty("source.bucket", sourceBucket)
            .withProperty("source.prefix", prefix)
            .withProperty("output.bucket", outputBucket)
            .withProperty("database.url", databaseUrl)
            .withProperty("database.user", database.user())
            .withProperty("storage.listing", "by-folder")
            .withProperty("processing.lock-lease", "PT5S");
        extra.forEach(environment::setProperty);
        context = new AnnotationConfigApplicationContext();
        context.setEnvironment(environment);
        context.register(ProcessingConfiguration.class);
        context.refresh();
        settings = context.getBean(Settings.class);
    }

    /** The service's processing, wired by the service's own configuration. */
    public ProcessingService processing() {
        return context.getBean(ProcessingService.class);
    }

    public RunRepository runs() {
        return context.getBean(RunRepository.class);
    }

    public OutputPublisher publisher() {
        return context.getBean(OutputPublisher.class);
    }

    /** Any part of the service's processing, as its configuration wires it. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Database database() {
        return context.getBean(Database.class);
    }

    /** A pipeline with new, empty source and output buckets and database. */
    public static TestPipeline fresh(TestDatabase database, String prefix) {
        int n = COUNTER.incrementAndGet();
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        return new TestPipeline(database, "src-" + run + "-" + n, "out-" + run + "-" + n, prefix, tempDir(), Map.of());
    }

    /**
     * A pipeline on a server of the test's own (which it may stop), over the given
     * database.
     */
    public static TestPipeline on(String endpoint, ObjectStore store, Path dir, TestDatabase database,
            String databaseUrl) {
        return on(endpoint, store, dir, database, databaseUrl, Map.of());
    }

    /**
     * The same, with more settings (relaxed property names, e.g.
     * {@code processing.publish-retry}).
     */
    public static TestPipeline on(String endpoint, ObjectStore store, Path dir, TestDatabase database,
            String databaseUrl, Map<String, String> settings) {
        return new TestPipeline(database, databaseUrl, "source", "processed-data", "", dir, settings, endpoint, store);
    }

    public String databaseUrl() {
        return settings.databaseUrl();
    }

    public Path dir() {
        return dir;
    }

    /**
     * A second pipeline over the same source bucket with an empty database and output
     * bucket: a full rebuild.
     */
    public TestPipeline rebuild() {
        int n = COUNTER.incrementAndGet();
        Path rebuildDir = tempDir();
        return new TestPipeline(database, database.newUrl(rebuildDir), sourceBucket, outputBucket + "-r" + n, prefix,
                rebuildDir, Map.of(), settings.storageEndpoint(), store);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("user-ingest-test");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectStore store() {
        return store;
    }

    public RunReport run() {
        return processing().runNow(RunTrigger.COMMAND, false);
    }

    /**
     * A targeted run over these keys (full keys, prefix included), as storage events ask
     * for one.
     */
    public RunReport runKeys(Collection<String> keys) {
        try {
            return processing().requestKeys(keys).get(2, TimeUnit.MINUTES);
        }
        catch (Exception e) {
            throw new IllegalStateException("the targeted run did not finish", e);
        }
    }

    public RunReport forcedRun() {
        return processing().runNow(RunTrigger.COMMAND, true);
    }

    public RunReport succeed() {
        RunReport report = run();
        assertThat(report.status()).as("run status, error: %s", report.error()).isEqualTo(RunStatus.SUCCEEDED);
        return report;
    }

    public void put(String key, String content) {
        store().put(sourceBucket, prefix + key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    public void put(String key, byte[] content) {
        store().put(sourceBucket, prefix + key, content, "application/octet-stream");
    }

    public void delete(String key) {
        store().delete(sourceBucket, List.of(prefix + key));
    }

    public static String csv(String first, String last, long birthts) {
        return "first_name,last_name,birthts\n" + first + "," + last + "," + birthts + "\n";
    }

    /** The users table as {user_id -> "first|last|birthts|birthdate|img_path"}. */
    public Map<String, String> users() {
        Map<String, String> users = new TreeMap<>();
        database().jdbc()
            .query("SELECT user_id, first_name, last_name, birthts, birthdate, img_path FROM users", rows -> {
                String imgPath = rows.getString(6);
                users.put(rows.getString(1), rows.getString(2) + "|" + rows.getString(3) + "|" + rows.getLong(4) + "|"
                        + rows.getString(5) + "|" + (imgPath == null ? "" : imgPath.replace(outputBucket + "/", "")));
            });
        return users;
    }

    /**
     * output.csv once the rewrite a targeted run asked for is done (the run does not wait
     * for it).
     */
    public String outputCsv() {
        OutputCsvRefresh refresh = context.getBean(OutputCsvRefresh.class);
        Awaitility.await("output.csv rewritten").atMost(Duration.ofMinutes(1)).until(() -> !refresh.busy());
        return text(outputBucket, settings.outputCsvKey());
    }

    /** The published images as {key -> content}. */
    public Map<String, String> outputImages() {
        Map<String, String> images = new TreeMap<>();
        List<StoredObject> objects = store().list(outputBucket, settings.outputImagesPrefix()).toList();
        for (StoredObject object : objects) {
            images.put(object.key(), text(outputBucket, object.key()));
        }
        return images;
    }

    /**
     * Every output object with its ETag and last-modified, to show that nothing was
     * written.
     */
    public List<String> outputFingerprint() {
        List<String> fingerprint = new ArrayList<>();
        store().list(outputBucket, "").forEach(o -> fingerprint.add(o.key() + " " + o.etag() + " " + o.lastModified()));
        return fingerprint;
    }

    public String text(String bucket, String key) {
        try (InputStream in = store().read(bucket, key)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * docs/contract.md "Equivalence": the state equals a full rebuild (empty database and
     * output bucket) over the same source.
     */
    public void assertEquivalentToFullRebuild() {
        try (TestPipeline rebuild = rebuild()) {
            rebuild.succeed();
            assertThat(users()).as("users table").isEqualTo(rebuild.users());
            assertThat(outputCsv().replace(outputBucket + "/", "/")).as("output.csv")
                .isEqualTo(rebuild.outputCsv().replace(rebuild.outputBucket + "/", "/"));
            assertThat(outputImages()).as("published images").isEqualTo(rebuild.outputImages());
        }
        assertBirthdateCountsMatchUsers();
    }

    /**
     * The summary /stats reads, kept by triggers through every insert, update and delete,
     * equals a recount.
     */
    public void assertBirthdateCountsMatchUsers() {
        String recount = "SELECT birthdate, CASE WHEN img_path IS NULL THEN 0 ELSE 1 END, COUNT(*), SUM(birthts) "
                + "FROM users GROUP BY 1, 2 ORDER BY 1, 2";
        String kept = "SELECT birthdate, CASE WHEN has_image THEN 1 ELSE 0 END, users, birthts_sum "
                + "FROM birthdate_counts ORDER BY 1, 2";
        assertThat(rowsOf(kept)).as("birthdate_counts").isEqualTo(rowsOf(recount));
    }

    private List<String> rowsOf(String sql) {
        return database().jdbc()
            .query(sql, (rows, n) -> rows.getString(1) + " " + rows.getInt(2) + " " + rows.getLong(3) + " "
                    + rows.getLong(4));
    }

    @Override
    public void close() {
        context.close();
    }

}
