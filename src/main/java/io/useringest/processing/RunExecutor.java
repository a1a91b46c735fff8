package io.useringest.processing;

import io.useringest.changes.ChangeLog;
import io.useringest.publish.OutputPublisher;
import io.useringest.publish.PublishQueue;
import io.useringest.publish.PublishingFailedException;
import io.useringest.runs.RunProgress;
import io.useringest.source.SourceObjectReader;
import io.useringest.storage.ObjectStore;
import io.useringest.users.UserRepository;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one run: finishes what earlier runs owe the output bucket, then in one
 * transaction brings the ledger and the users table in step with the source, then
 * publishes. A run is readers ({@link SourceReading}, {@link AffectedUsers}) → pure
 * decisions ({@link UserResolver}, {@link ChunkWrites}, {@link DeletionGuard}) → writer
 * ({@link RunWriter}); this class puts them in order, in one transaction, and times the
 * phases.
 */
public class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private final RunSettings settings;

    private final SourceReading reading;

    private final AffectedUsers affected;

    private final UserResolver resolver;

    private final RunWriter writer;

    private final SourceLedger ledger;

    private final UserRepository users;

    private final HeldRemovals held;

    private final OutputPublisher publisher;

    private final OutputCsvRefresh csv;

    private final TransactionTemplate transaction;

    /**
     * The readers' parts (store, object reader, ledger, read pool), the decisions' inputs
     * (resolver, users, publish queue, held removals), the output's (publisher,
     * output.csv), the change log and the transaction; the writer is built from the same
     * stores.
     */
    public RunExecutor(RunSettings settings, ObjectStore store, SourceObjectReader reader, SourceLedger ledger,
            UserResolver resolver, UserRepository users, PublishQueue queue, HeldRemovals held,
            OutputPublisher publisher, OutputCsvRefresh csv, ChangeLog changes, TransactionTemplate transaction,
            ExecutorService readPool) {
        this.settings = settings;
        this.reading = new SourceReading(settings, store, reader, ledger, readPool);
        this.affected = new AffectedUsers(ledger, users, queue, changes);
        this.resolver = resolver;
        this.writer = new RunWriter(ledger, users, held, queue, changes);
        this.ledger = ledger;
        this.users = users;
        this.held = held;
        this.publisher = publisher;
        this.csv = csv;
        this.transaction = transaction;
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
        long horizon = writer.pruneChanges();
        long usersBefore = users.count();
        if (run.forced) {
            held.releaseIntoRun();
        }
        try (SourceChanges changes = reading.changes(run, request)) {
            reading.read(run, changes, (read, removed) -> writer.recordRead(run, read, removed));
        }
        long resolveStart = System.nanoTime();
        boolean changed = resolveUsers(run, usersBefore, horizon);
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

    /**
     * Decides every affected user, chunk by chunk, and applies each chunk's writes;
     * returns whether a row changed.
     */
    private boolean resolveUsers(RunProgress run, long usersBefore, long horizon) {
        long removals = ledger.countRemovals();
        boolean guard = DeletionGuard.holdsBack(run.forced, usersBefore, removals);
        if (guard) {
            run.warn(DeletionGuard.warning(usersBefore, removals));
        }
        boolean changed = false;
        for (AffectedUsers.Chunk chunk : affected.chunks()) {
            changed |= writer.apply(run, ChunkWrites.of(chunk.decide(resolver), guard), horizon);
        }
        return changed;
    }

}
