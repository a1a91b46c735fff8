package io.useringest.processing;

import io.useringest.publish.OutputPublisher;
import io.useringest.publish.PublishQueue;
import io.useringest.publish.PublishedImage;
import io.useringest.publish.PublishingFailedException;
import io.useringest.runs.RunProgress;
import io.useringest.source.FileKind;
import io.useringest.source.ObjectContents;
import io.useringest.source.SourceName;
import io.useringest.source.SourceObjectReader;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StoredObject;
import io.useringest.users.UserRepository;
import io.useringest.users.UserRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one run: finishes what earlier runs owe the output bucket, then in one
 * transaction brings the ledger and the users table in step with the source, then
 * publishes. A run is reader ({@link SourceChanges}) → pure decisions
 * ({@link UserResolver}, {@link ChunkWrites}, {@link DeletionGuard}) → writer; this class
 * only moves data: bounded parallel reads, batched writes in one transaction, the outbox.
 */
public class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private static final int WRITE_BATCH = 500;

    private static final int USER_CHUNK = 1000;

    private final ObjectStore store;

    private final RunSettings settings;

    private final SourceObjectReader reader;

    private final SourceLedger ledger;

    private final UserResolver resolver;

    private final UserRepository users;

    private final PublishQueue queue;

    private final HeldRemovals held;

    private final RunWriter writer;

    private final OutputPublisher publisher;

    private final OutputCsvRefresh csv;

    private final TransactionTemplate transaction;

    private final ExecutorService readPool;

    private final int readWindow;

    /**
     * The reader's parts (store, object reader, ledger), the decisions' inputs (resolver,
     * users, publish queue, held removals), the output's (publisher, output.csv), the
     * transaction and the read pool; the writer is built from the same stores.
     */
    public RunExecutor(RunSettings settings, ObjectStore store, SourceObjectReader reader, SourceLedger ledger,
            UserResolver resolver, UserRepository users, PublishQueue queue, HeldRemovals held,
            OutputPublisher publisher, OutputCsvRefresh csv, TransactionTemplate transaction,
            ExecutorService readPool) {
        this.settings = settings;
        this.store = store;
        this.reader = reader;
        this.ledger = ledger;
        this.resolver = resolver;
        this.users = users;
        this.queue = queue;
        this.held = held;
        this.writer = new RunWriter(ledger, users, held, queue);
        this.publisher = publisher;
        this.csv = csv;
        this.transaction = transaction;
        this.readPool = readPool;
        this.readWindow = settings.readConcurrency() * 4;
    }

    /** How many output changes are owed to the output bucket now. */
    public long outputPending() {
        return publisher.pending();
    }

    /**
     * Carries out the image changes earlier runs owe the output bucket (the caller holds
     * the run lock) and asks for output.csv to be rewritten if it is stale.
     */
    public long publishOwed() {
        long done = publisher.publishImages();
        // Off the run thread: a rewrite takes seconds at a million users, and events must
        // not wait behind it.
        csv.request();
        return done;
    }

    /**
     * A run over the whole source or over exactly some keys (storage events). A full run
     * ends when output.csv is written; a targeted run when its images are, leaving
     * output.csv to {@link OutputCsvRefresh} so the next run need not wait.
     */
    public void execute(RunProgress run, RunRequest request) {
        long start = System.nanoTime();
        if (request instanceof RunRequest.Keys keys) {
            run.given(keys.keys().size());
        }
        publisher.publishImages();
        long owed = System.nanoTime();
        long resolveNanos = transaction.execute(status -> apply(run, request));
        run.committed();
        long committed = System.nanoTime();
        try {
            OutputPublisher.retryingWithin(settings.publishRetry(), publisher::publishImages);
            if (request instanceof RunRequest.Full) {
                OutputPublisher.retryingWithin(settings.publishRetry(), csv::writeNow);
            }
        }
        catch (RuntimeException e) {
            throw new PublishingFailedException(e);
        }
        if (request instanceof RunRequest.Keys) {
            csv.request();
        }
        long published = System.nanoTime();
        log.info(
                "run {} phases: earlier publishing {} ms, list+read+resolve+commit {} ms (resolve {} ms), publish {} "
                        + "ms",
                run.id, (owed - start) / 1_000_000, (committed - owed) / 1_000_000, resolveNanos / 1_000_000,
                (published - committed) / 1_000_000);
    }

    /**
     * The run's database work, in the caller's transaction; returns the nanoseconds spent
     * resolving users.
     */
    private long apply(RunProgress run, RunRequest request) {
        ledger.clearAffected();
        long usersBefore = users.count();
        if (run.forced) {
            held.releaseIntoRun();
        }
        try (SourceChanges changes = request instanceof RunRequest.Keys keys ? keyChanges(keys.keys(), run)
                : listedChanges(run::listed)) {
            readChanges(run, changes);
        }
        long resolveStart = System.nanoTime();
        boolean changed = resolveUsers(run, usersBefore);
        long resolveNanos = System.nanoTime() - resolveStart;
        held.forgetRestored();
        long stillHeld = held.count();
        if (stillHeld > 0) {
            run.warn(DeletionGuard.stillHeldWarning(stillHeld));
        }
        run.rejected(ledger.rejections(RejectionCap.MAX_LISTED));
        RejectionCap.leftOut(ledger.countRejections()).ifPresent(run::warn);
        if (changed || publisher.csvNeverWritten()) {
            publisher.markCsvStale(run.id);
        }
        run.finish(usersBefore, users.count());
        return resolveNanos;
    }

    /** The whole source listed and merged with the whole ledger. */
    private SourceChanges listedChanges(Runnable looked) {
        return new ListedChanges(
                store.list(settings.sourceBucket(), settings.sourcePrefix()).peek(object -> looked.run()),
                ledger.knownObjects());
    }

    /**
     * Exactly these keys, each looked up and compared with the ledger's entry for it
     * (storage events).
     */
    private SourceChanges keyChanges(Collection<String> keys, RunProgress run) {
        return new KeyChanges(keys, key -> store.stat(settings.sourceBucket(), key), ledger::known,
                (key, refused) -> run.warn("skipped " + key + ": " + refused.getMessage()
                        + "; the object is left as it was until a later event or full run reads it"));
    }

    /**
     * Reads every new and changed object (bounded parallel GETs) and records them and the
     * removals in batches.
     */
    private void readChanges(RunProgress run, SourceChanges changes) {
        List<ObjectContents> read = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Deque<Future<ObjectContents>> inFlight = new ArrayDeque<>();
        try {
            while (changes.hasNext()) {
                ObjectChange change = changes.next();
                if (change instanceof ObjectChange.Removed r) {
                    removed.add(r.known().key());
                    continue;
                }
                StoredObject object = change instanceof ObjectChange.Added a ? a.listed()
                        : change instanceof ObjectChange.Changed c ? c.listed() : null;
                if (object == null) {
                    continue;
                }
                if (SourceName.of(object.key()).kind() == FileKind.IGNORED) {
                    run.ignored();
                    continue;
                }
                inFlight.add(SourceObjectReader.needsDownload(object) ? readPool.submit(() -> reader.read(object))
                        : CompletableFuture.completedFuture(reader.read(object)));
                while (inFlight.size() >= readWindow) {
                    read.add(await(inFlight.poll(), inFlight));
                }
                if (read.size() >= WRITE_BATCH || removed.size() >= WRITE_BATCH) {
                    write(run, read, removed);
                }
            }
            while (!inFlight.isEmpty()) {
                read.add(await(inFlight.poll(), inFlight));
            }
            write(run, read, removed);
        }
        finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    private void write(RunProgress run, List<ObjectContents> read, List<String> removed) {
        writer.recordRead(run, read, removed);
        read.clear();
        removed.clear();
    }

    /**
     * Decides every affected user, chunk by chunk, and applies each chunk's writes;
     * returns whether a row changed.
     */
    private boolean resolveUsers(RunProgress run, long usersBefore) {
        long removals = ledger.countRemovals();
        boolean guard = DeletionGuard.holdsBack(run.forced, usersBefore, removals);
        if (guard) {
            run.warn(DeletionGuard.warning(usersBefore, removals));
        }
        boolean changed = false;
        String after = "";
        List<String> ids;
        while (!(ids = ledger.affectedAfter(after, USER_CHUNK)).isEmpty()) {
            String last = ids.get(ids.size() - 1);
            Map<String, List<LedgerEntry>> files = ledger.entriesOfAffected(after, last)
                .stream()
                .collect(Collectors.groupingBy(e -> e.entry().userId()));
            Map<String, UserRow> current = users.findAffected(after, last);
            Map<String, PublishedImage> published = queue.published(after, last);
            List<UserDecision> decisions = new ArrayList<>(ids.size());
            for (String userId : ids) {
                decisions.add(resolver.resolve(userId, files.getOrDefault(userId, List.of()), current.get(userId),
                        published.get(userId)));
            }
            changed |= writer.apply(run, ChunkWrites.of(decisions, guard));
            after = last;
        }
        return changed;
    }

    private static ObjectContents await(Future<ObjectContents> future, Deque<Future<ObjectContents>> others) {
        try {
            return future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        }
        catch (ExecutionException e) {
            others.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

}
