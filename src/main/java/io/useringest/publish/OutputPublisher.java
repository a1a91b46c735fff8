package io.useringest.publish;

import io.useringest.config.Futures;
import io.useringest.db.NamedValues;
import io.useringest.source.ArchiveBytes;
import io.useringest.source.ArchiveReader;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StorageException;
import io.useringest.storage.StoredObject;
import io.useringest.users.OutputCsvWriter;
import io.useringest.users.UserRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out, after a run's commit, what the run owes the output bucket: image copies
 * and deletions from the publish queue, and a whole new output.csv. Safe to repeat: a
 * crash part-way is finished by the next call. output.csv writes must not overlap (the
 * caller holds the output.csv lock), so the last one written is the newest.
 */
public class OutputPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutputPublisher.class);

    static final String CSV_STALE = "output_csv_stale";

    private static final int BATCH = 1000;

    private final ObjectStore store;

    private final PublishQueue queue;

    private final UserRepository users;

    private final NamedValues state;

    private final ExecutorService io;

    private final String sourceBucket;

    private final String outputBucket;

    private final String csvKey;

    /**
     * Whether the last output.csv write failed (the output is then behind, not just being
     * rewritten).
     */
    private volatile boolean csvFailing;

    public OutputPublisher(ObjectStore store, PublishQueue queue, UserRepository users, NamedValues state,
            ExecutorService io, String sourceBucket, String outputBucket, String csvKey) {
        this.store = store;
        this.queue = queue;
        this.users = users;
        this.state = state;
        this.io = io;
        this.sourceBucket = sourceBucket;
        this.outputBucket = outputBucket;
        this.csvKey = csvKey;
    }

    /**
     * Records, in the run's transaction, that output.csv must be rewritten: the run's own
     * mark, so a write that began before this run cannot clear it.
     */
    public void markCsvStale(long runId) {
        state.put(CSV_STALE, new CsvMark.Stale(runId).stored());
    }

    /**
     * True until the first output.csv has been written (a full rebuild of an empty source
     * still writes one).
     */
    public boolean csvNeverWritten() {
        return csvMark() instanceof CsvMark.NeverWritten;
    }

    /**
     * How many output changes are owed: queued image copies, extracts and deletions, and
     * output.csv if stale.
     */
    public long pending() {
        return queue.count() + (csvStale() ? 1 : 0);
    }

    /**
     * Whether the output bucket is behind: image changes owed, or output.csv owed after a
     * failed write. (output.csv being rewritten after a targeted run is not behind.)
     */
    public boolean behind() {
        return queue.count() > 0 || (csvFailing && csvStale());
    }

    private boolean csvStale() {
        return csvMark() instanceof CsvMark.Stale;
    }

    private CsvMark csvMark() {
        return CsvMark.read(state.get(CSV_STALE));
    }

    /**
     * Does some publishing, retrying with backoff (a quarter second, doubling up to 5 s)
     * while storage is away, for at most {@code window}; then the storage failure is
     * thrown and the queue keeps what is owed.
     */
    public static <T> T retryingWithin(Duration window, Supplier<T> publishing) {
        long deadline = System.nanoTime() + window.toNanos();
        long delay = 250;
        while (true) {
            try {
                return publishing.get();
            }
            catch (StorageException e) {
                if (System.nanoTime() + delay * 1_000_000 > deadline) {
                    throw e;
                }
                log.warn("publishing: storage is away ({}); retrying in {} ms", e.getMessage(), delay);
                sleep(delay);
                delay = Math.min(delay * 2, 5000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("publishing interrupted", e);
        }
    }

    /** Publishes the image changes owed; returns how many were made. */
    public long publishImages() {
        long done = 0;
        List<PublishTask> batch;
        while (!(batch = queue.nextBatch(BATCH)).isEmpty()) {
            Map<PublishTask.Action, List<PublishTask>> byAction = batch.stream()
                .collect(Collectors.groupingBy(PublishTask::action));
            List<PublishTask> deletes = byAction.getOrDefault(PublishTask.Action.DELETE, List.of());
            store.delete(outputBucket, deletes.stream().map(PublishTask::outputKey).toList());
            copyAll(byAction.getOrDefault(PublishTask.Action.COPY, List.of()));
            extractAll(byAction.getOrDefault(PublishTask.Action.EXTRACT, List.of()));
            queue.done(batch.stream().map(PublishTask::outputKey).toList());
            done += batch.size();
        }
        return done;
    }

    /**
     * Rewrites output.csv if a run left it stale (the caller holds the output.csv lock);
     * returns whether it was written. The mark is read before the users, so the file has
     * at least the marking run's state, and cleared only if no later run marked it again.
     */
    public boolean publishCsvIfStale() {
        if (!(csvMark() instanceof CsvMark.Stale mark)) {
            return false;
        }
        try {
            writeCsv();
            csvFailing = false;
        }
        catch (RuntimeException e) {
            csvFailing = true;
            throw e;
        }
        state.replace(CSV_STALE, mark.stored(), CsvMark.InStep.STORED);
        return true;
    }

    private void copyAll(List<PublishTask> copies) {
        if (copies.isEmpty()) {
            return;
        }
        // The ledger's ETag and size of each source spare the client a HEAD per copy.
        Map<String, StoredObject> recorded = queue.recordedSources(copies.stream().map(PublishTask::source).toList());
        List<Future<?>> futures = new ArrayList<>();
        for (PublishTask copy : copies) {
            StoredObject source = recorded.get(copy.source());
            futures.add(io.submit(() -> {
                // A source image removed since the commit is skipped: the next run sees
                // the removal.
                if (source != null) {
                    store.copyIfPresent(sourceBucket, source, outputBucket, copy.outputKey(), copy.type());
                }
                else {
                    store.copyIfPresent(sourceBucket, copy.source(), outputBucket, copy.outputKey(), copy.type());
                }
            }));
        }
        Futures.awaitAll(futures, "publishing");
    }

    /**
     * All tasks of one batch of extracts come from one archive: read it once and put the
     * wanted entries.
     */
    private void extractAll(List<PublishTask> extracts) {
        if (extracts.isEmpty()) {
            return;
        }
        String archiveKey = extracts.get(0).source();
        Map<String, PublishTask> wanted = extracts.stream()
            .collect(Collectors.toMap(PublishTask::entry, t -> t, (a, b) -> a));
        var archive = store.stat(sourceBucket, archiveKey);
        if (archive.isEmpty()) {
            return;
        }
        try {
            ArchiveReader.read(archiveKey, ArchiveBytes.stored(store, sourceBucket, archiveKey, archive.get().size()),
                    true, (entryName, name, content) -> {
                        PublishTask task = wanted.get(entryName);
                        if (task != null && content != null) {
                            store.put(outputBucket, task.outputKey(), content, task.type());
                        }
                    });
        }
        catch (ArchiveReader.ArchiveRejected e) {
            // The archive changed into something unreadable since the commit; the next
            // run rejects it.
        }
    }

    /** The published output.csv as stored now, if there is one. */
    public Optional<StoredObject> publishedCsv() {
        return store.stat(outputBucket, csvKey);
    }

    /**
     * Opens {@code length} bytes of the published output.csv from {@code offset}; the
     * caller closes the stream.
     */
    public InputStream openPublishedCsv(long offset, long length) {
        return store.read(outputBucket, csvKey, offset, length);
    }

    /**
     * Streams every user into a temporary file, then replaces output.csv with it in one
     * PUT.
     */
    void writeCsv() {
        Path file = null;
        try {
            file = Files.createTempFile("output", ".csv");
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                OutputCsvWriter csv = new OutputCsvWriter(writer);
                users.forEachOrdered(csv::write);
            }
            store.put(outputBucket, csvKey, file, "text/csv; charset=utf-8");
        }
        catch (IOException e) {
            throw new UncheckedIOException("writing output.csv failed", e);
        }
        finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                }
                catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

}
