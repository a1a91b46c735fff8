package io.useringest.processing;

import io.useringest.publish.PublishedImage;
import io.useringest.publish.OutputPublisher;
import io.useringest.publish.PublishQueue;
import io.useringest.publish.PublishTask;
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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one run: finishes what earlier runs owe the output bucket, then in one transaction brings the
 * ledger and the users table in step with the source, then publishes. All decisions are made by
 * {@link ObjectDiff} and {@link UserResolver}; this class only moves data.
 */
public class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private static final int WRITE_BATCH = 500;
    private static final int USER_CHUNK = 1000;
    private static final int GUARD_MIN_USERS = 20;
    private static final int MAX_REJECTIONS_LISTED = 1000;

    private final ObjectStore store;
    private final String sourceBucket;
    private final String sourcePrefix;
    private final SourceObjectReader reader;
    private final SourceLedger ledger;
    private final UserResolver resolver;
    private final UserRepository users;
    private final PublishQueue queue;
    private final HeldRemovals held;
    private final OutputPublisher publisher;
    private final TransactionTemplate transaction;
    private final ExecutorService readPool;
    private final int readWindow;
    private final Duration publishRetry;

    public RunExecutor(ObjectStore store, String sourceBucket, String sourcePrefix, SourceObjectReader reader,
                       SourceLedger ledger, UserResolver resolver, UserRepository users, PublishQueue queue,
                       HeldRemovals held, OutputPublisher publisher, TransactionTemplate transaction,
                       ExecutorService readPool, int readConcurrency, Duration publishRetry) {
        this.store = store;
        this.sourceBucket = sourceBucket;
        this.sourcePrefix = sourcePrefix;
        this.reader = reader;
        this.ledger = ledger;
        this.resolver = resolver;
        this.users = users;
        this.queue = queue;
        this.held = held;
        this.publisher = publisher;
        this.transaction = transaction;
        this.readPool = readPool;
        this.readWindow = readConcurrency * 4;
        this.publishRetry = publishRetry;
    }

    /** How many output changes are owed to the output bucket now. */
    public long outputPending() {
        return publisher.pending();
    }

    /** Carries out what earlier runs owe the output bucket (the caller holds the run lock). */
    public long publishOwed() {
        return publisher.publishPending();
    }

    public void execute(RunProgress run) {
        long start = System.nanoTime();
        publisher.publishPending();
        long owed = System.nanoTime();
        long resolveNanos = transaction.execute(status -> apply(run));
        run.committed();
        long committed = System.nanoTime();
        try {
            publisher.publishPendingWithin(publishRetry);
        } catch (RuntimeException e) {
            throw new PublishingFailedException(e);
        }
        long published = System.nanoTime();
        log.info("run {} phases: earlier publishing {} ms, list+read+resolve+commit {} ms (resolve {} ms), publish {} ms",
                run.id, (owed - start) / 1_000_000, (committed - owed) / 1_000_000, resolveNanos / 1_000_000,
                (published - committed) / 1_000_000);
    }


    /** The run's database work, in the caller's transaction; returns the nanoseconds spent resolving users. */
    private long apply(RunProgress run) {
        ledger.clearAffected();
        long usersBefore = users.count();
        if (run.forced) {
            held.releaseIntoRun();
        }
        readChanges(run);
        long resolveStart = System.nanoTime();
        boolean changed = resolveUsers(run, usersBefore);
        long resolveNanos = System.nanoTime() - resolveStart;
        held.forgetRestored();
        long stillHeld = held.count();
        if (stillHeld > 0) {
            run.warn("deletion guard: " + stillHeld + " users have no CSV left but were kept; run with force "
                    + "(POST /data?force=true) to remove them");
        }
        run.rejected(ledger.rejections(MAX_REJECTIONS_LISTED));
        long rejections = ledger.countRejections();
        if (rejections > MAX_REJECTIONS_LISTED) {
            run.warn((rejections - MAX_REJECTIONS_LISTED) + " more rejected files not listed");
        }
        if (changed || publisher.csvNeverWritten()) {
            publisher.markCsvStale();
        }
        run.usersUnchanged.set(usersBefore - run.usersUpdated.get() - run.usersRemoved.get());
        run.usersTotal.set(users.count());
        return resolveNanos;
    }

    /** Streams the listing against the ledger and records every new, changed and removed object. */
    private void readChanges(RunProgress run) {
        List<ObjectContents> read = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Deque<Future<ObjectContents>> inFlight = new ArrayDeque<>();
        try (Stream<StoredObject> listing = store.list(sourceBucket, sourcePrefix);
             SourceLedger.KnownObjects known = ledger.knownObjects()) {
            ObjectDiff diff = new ObjectDiff(listing.iterator(), known);
            while (diff.hasNext()) {
                ObjectChange change = diff.next();
                if (change instanceof ObjectChange.Removed r) {
                    removed.add(r.known().key());
                    continue;
                }
                run.objectsListed.incrementAndGet();
                StoredObject object = change instanceof ObjectChange.Added a ? a.listed()
                        : change instanceof ObjectChange.Changed c ? c.listed() : null;
                if (object == null) {
                    continue;
                }
                if (SourceName.of(object.key()).kind() == FileKind.IGNORED) {
                    run.objectsIgnored.incrementAndGet();
                    continue;
                }
                inFlight.add(SourceObjectReader.needsDownload(object)
                        ? readPool.submit(() -> reader.read(object))
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
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    private void write(RunProgress run, List<ObjectContents> read, List<String> removed) {
        ledger.record(read, run.id);
        ledger.forgetObjects(removed);
        for (ObjectContents contents : read) {
            if (contents.downloaded()) {
                run.objectsRead.incrementAndGet();
            }
            contents.warnings().forEach(run::warn);
        }
        read.clear();
        removed.clear();
    }

    /** Decides every affected user, chunk by chunk; returns whether any row changed. */
    private boolean resolveUsers(RunProgress run, long usersBefore) {
        long removals = ledger.countRemovals();
        boolean guard = !run.forced && usersBefore >= GUARD_MIN_USERS && removals * 2 > usersBefore;
        if (guard) {
            run.warn("deletion guard: this run would remove " + removals + " of " + usersBefore
                    + " users (more than half), so it removed none; check SOURCE_BUCKET and SOURCE_PREFIX, "
                    + "or run with force (POST /data?force=true) if the removal is intended");
        }
        boolean changed = false;
        String after = "";
        List<String> ids;
        while (!(ids = ledger.affectedAfter(after, USER_CHUNK)).isEmpty()) {
            String last = ids.get(ids.size() - 1);
            Map<String, List<LedgerEntry>> files = ledger.entriesOfAffected(after, last).stream()
                    .collect(Collectors.groupingBy(e -> e.entry().userId()));
            Map<String, UserRow> current = users.find(after, last);
            Map<String, PublishedImage> published = queue.published(after, last);
            UserChanges changes = new UserChanges();
            for (String userId : ids) {
                UserDecision decision = resolver.resolve(userId, files.getOrDefault(userId, List.of()),
                        current.get(userId), published.get(userId));
                changes.add(decision, guard, run);
            }
            changed |= changes.apply(users, queue, held);
            after = last;
        }
        return changed;
    }

    /** One chunk's writes, collected from its decisions and applied as batches. */
    private static final class UserChanges {
        final List<UserRow> upserts = new ArrayList<>();
        final List<String> deletes = new ArrayList<>();
        final List<String> holds = new ArrayList<>();
        final List<PublishTask> tasks = new ArrayList<>();
        final List<Map.Entry<String, PublishedImage>> published = new ArrayList<>();
        final List<String> unpublished = new ArrayList<>();

        void add(UserDecision decision, boolean guard, RunProgress run) {
            decision.warnings().forEach(run::warn);
            if (decision.orphanImage()) {
                run.orphanImages.incrementAndGet();
            }
            switch (decision.rowChange()) {
                case INSERT -> {
                    upserts.add(decision.row());
                    run.usersAdded.incrementAndGet();
                }
                case UPDATE -> {
                    upserts.add(decision.row());
                    run.usersUpdated.incrementAndGet();
                }
                case DELETE -> {
                    if (guard) {
                        holds.add(decision.userId());
                        return;
                    }
                    deletes.add(decision.userId());
                    run.usersRemoved.incrementAndGet();
                }
                default -> {
                }
            }
            if (decision.publish() != null) {
                PublishedImage image = decision.publish();
                tasks.add(image.entryName().isEmpty()
                        ? new PublishTask(image.outputKey(), PublishTask.Action.COPY, image.objectKey(), null,
                                decision.publishContentType())
                        : new PublishTask(image.outputKey(), PublishTask.Action.EXTRACT, image.objectKey(),
                                image.entryName(), decision.publishContentType()));
                published.add(Map.entry(decision.userId(), image));
            }
            if (decision.unpublishKey() != null) {
                tasks.add(new PublishTask(decision.unpublishKey(), PublishTask.Action.DELETE, null, null, null));
                if (decision.publish() == null) {
                    unpublished.add(decision.userId());
                }
            }
        }

        boolean apply(UserRepository users, PublishQueue queue, HeldRemovals held) {
            users.upsert(upserts);
            users.delete(deletes);
            held.hold(holds);
            queue.enqueue(tasks);
            queue.recordPublished(published);
            queue.forgetPublished(unpublished);
            return !upserts.isEmpty() || !deletes.isEmpty();
        }
    }

    private static ObjectContents await(Future<ObjectContents> future, Deque<Future<ObjectContents>> others) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        } catch (ExecutionException e) {
            others.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
