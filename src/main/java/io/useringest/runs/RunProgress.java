package io.useringest.runs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The counters of a run while it goes; {@link #snapshot} shows them growing to GET
 * /runs/{id}.
 */
public final class RunProgress {

    static final int MAX_LISTED = 1000;

    public final long id;

    public final RunTrigger trigger;

    public final RunScope scope;

    public final boolean forced;

    public final Instant startedAt;

    private final AtomicLong objectsListed = new AtomicLong();

    private final AtomicLong objectsRead = new AtomicLong();

    private final AtomicLong objectsIgnored = new AtomicLong();

    private final AtomicLong orphanImages = new AtomicLong();

    private final AtomicLong usersAdded = new AtomicLong();

    private final AtomicLong usersUpdated = new AtomicLong();

    private final AtomicLong usersRemoved = new AtomicLong();

    private final AtomicLong usersUnchanged = new AtomicLong();

    private final AtomicLong usersTotal = new AtomicLong();

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    private final AtomicLong warningsLeftOut = new AtomicLong();

    private volatile List<Rejection> rejected = List.of();

    private volatile boolean committed;

    public RunProgress(long id, RunTrigger trigger, RunScope scope, boolean forced, Instant startedAt) {
        this.id = id;
        this.trigger = trigger;
        this.scope = scope;
        this.forced = forced;
        this.startedAt = startedAt;
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An object was listed. */
    public void listed() {
        objectsListed.incrementAndGet();
    }

    /**
     * A run over given keys counts them as listed from its start, so its report says what
     * it was given even when it fails before looking one up.
     */
    public void given(int keys) {
        objectsListed.set(keys);
    }

    /** A listed object is not a user file nor an archive. */
    public void ignored() {
        objectsIgnored.incrementAndGet();
    }

    /** Objects downloaded and read. */
    public void read(long objects) {
        objectsRead.addAndGet(objects);
    }

    /** Adds a chunk's decisions to the counters and keeps its warnings. */
    public void apply(RunContribution contribution) {
        usersAdded.addAndGet(contribution.usersAdded());
        usersUpdated.addAndGet(contribution.usersUpdated());
        usersRemoved.addAndGet(contribution.usersRemoved());
        orphanImages.addAndGet(contribution.orphanImages());
        contribution.warnings().forEach(this::warn);
    }

    /**
     * The closing counts: users the run did not change, of those there were, and users
     * there are now.
     */
    public void finish(long usersBefore, long usersNow) {
        usersUnchanged.set(usersBefore - usersUpdated.get() - usersRemoved.get());
        usersTotal.set(usersNow);
    }

    /** Keeps the first thousand warnings; the rest are counted in one closing warning. */
    public void warn(String warning) {
        synchronized (warnings) {
            if (warnings.size() < MAX_LISTED) {
                warnings.add(warning);
            }
            else {
                warningsLeftOut.incrementAndGet();
            }
        }
    }

    /**
     * The run's transaction committed: its changes are served from now on, whatever
     * happens to publishing.
     */
    public void committed() {
        this.committed = true;
    }

    public boolean isCommitted() {
        return committed;
    }

    public void rejected(List<Rejection> rejections) {
        this.rejected = List.copyOf(rejections);
    }

    public RunReport snapshot(RunStatus status, @Nullable Instant finishedAt, @Nullable String error) {
        return snapshot(status, finishedAt, error, 0);
    }

    public RunReport snapshot(RunStatus status, @Nullable Instant finishedAt, @Nullable String error,
            long outputPending) {
        List<String> allWarnings;
        synchronized (warnings) {
            allWarnings = new ArrayList<>(warnings);
        }
        if (warningsLeftOut.get() > 0) {
            allWarnings.add(warningsLeftOut.get() + " more warnings not listed");
        }
        return new RunReport(id, trigger, scope, forced, status, startedAt, finishedAt, objectsListed.get(),
                objectsRead.get(), objectsIgnored.get(), orphanImages.get(), usersAdded.get(), usersUpdated.get(),
                usersRemoved.get(), usersUnchanged.get(), usersTotal.get(), rejected, allWarnings, error, committed,
                outputPending);
    }

}
