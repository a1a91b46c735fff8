package io.useringest.processing;

import io.useringest.config.DaemonThreads;
import io.useringest.db.RunLock;
import io.useringest.publish.PublishingFailedException;
import io.useringest.runs.RunProgress;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunRepository;
import io.useringest.runs.RunScope;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import io.useringest.source.Reasons;
import io.useringest.storage.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Runs processing one run at a time. A request joins the next run that has not started
 * yet, or creates it, so it always gets the report of a run that started at or after it
 * arrived, and concurrent requests share that run.
 */
public class ProcessingService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessingService.class);

    private static final long PROGRESS_PERIOD_MS = 1000;

    private static final long STOP_WAIT_MS = 10_000;

    private static final int FINISH_ATTEMPTS = 5;

    static final Duration FIRST_KEY_RETRY = Duration.ofSeconds(1);

    static final Duration LAST_KEY_RETRY = Duration.ofMinutes(1);

    private final RunExecutor executor;

    private final RunRepository runs;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(DaemonThreads.named("processing-run"));

    private final Object lock = new Object();

    private @Nullable NextRun next;

    private volatile @Nullable RunProgress current;

    /** The thread carrying out a run now, to stop it when the service stops. */
    private volatile @Nullable Thread runThread;

    private volatile boolean stopping;

    private final List<Consumer<RunReport>> listeners = new CopyOnWriteArrayList<>();

    private static final class NextRun {

        RunTrigger trigger;

        boolean forced;

        RunRequest request;

        final CompletableFuture<RunReport> report = new CompletableFuture<>();

        /** The run's id, once it holds the run lock and has its record. */
        final CompletableFuture<Long> started = new CompletableFuture<>();

        NextRun(RunTrigger trigger, boolean forced, RunRequest request) {
            this.trigger = trigger;
            this.forced = forced;
            this.request = request;
        }

    }

    private final RunLock runLock;

    private final boolean shareProgress;

    /**
     * Shares a running run's progress, and asks again for the keys of failed targeted
     * runs.
     */
    private final ScheduledExecutorService timer = Executors
        .newSingleThreadScheduledExecutor(DaemonThreads.named("run-timer"));

    /** Only the run thread reads and writes it. */
    private Duration keyRetry = FIRST_KEY_RETRY;

    /**
     * @param shareProgress write a running run's counters to its record every second (on
     * a connection outside the run's transaction), so instances that share the database
     * show its progress too
     */
    public ProcessingService(RunExecutor executor, RunRepository runs, RunLock runLock, boolean shareProgress) {
        this.executor = executor;
        this.runs = runs;
        this.runLock = runLock;
        this.shareProgress = shareProgress;
    }

    /**
     * Asks for a run. A forced request makes the shared run forced: whoever asked for
     * force wants the guarded removals done, and the others only want a run that started
     * after they asked.
     */
    public CompletableFuture<RunReport> request(RunTrigger trigger, boolean forced) {
        return requestRun(trigger, forced).report();
    }

    /** A requested run: its id once it started, and its report once it ended. */
    public record Requested(CompletableFuture<Long> started, CompletableFuture<RunReport> report) {
    }

    /**
     * As {@link #request}, telling also when the run starts (a client that will not
     * wait).
     */
    public Requested requestRun(RunTrigger trigger, boolean forced) {
        synchronized (lock) {
            if (next == null) {
                next = new NextRun(trigger, forced, new RunRequest.Full());
                runner.execute(this::runNext);
            }
            else {
                next.forced |= forced;
                if (next.request instanceof RunRequest.Keys) {
                    // A full run covers the keys the queued targeted run was for.
                    next.request = new RunRequest.Full();
                    next.trigger = trigger;
                }
            }
            return new Requested(next.started, next.report);
        }
    }

    /**
     * Asks for a targeted run over these keys (storage events): they join the next run
     * that has not started — a targeted one gains them, a full one covers them — or start
     * a targeted run. While a run goes on, keys queue for the next.
     */
    public CompletableFuture<RunReport> requestKeys(Collection<String> keys) {
        synchronized (lock) {
            RunRequest.Keys asked = new RunRequest.Keys(Set.copyOf(keys));
            if (next == null) {
                next = new NextRun(RunTrigger.EVENT, false, asked);
                runner.execute(this::runNext);
            }
            else {
                next.request = next.request.and(asked);
            }
            return next.report;
        }
    }

    private void runNext() {
        NextRun run;
        synchronized (lock) {
            run = next;
            next = null;
        }
        if (run == null) {
            return;
        }
        boolean done = false;
        try {
            RunReport report = runNow(run.trigger, run.forced, run.request, run.started::complete);
            done = report.status() == RunStatus.SUCCEEDED || report.committed();
            run.report.complete(report);
        }
        catch (Throwable e) {
            // Waiting requests must get an answer even when the run dies of an Error.
            run.started.completeExceptionally(e);
            run.report.completeExceptionally(e);
        }
        if (done) {
            keyRetry = FIRST_KEY_RETRY;
        }
        else if (run.request instanceof RunRequest.Keys failed) {
            retryKeys(failed.keys());
        }
    }

    /**
     * A targeted run that failed before its commit changed nothing, and no listing will
     * bring its keys back before the next full run: they are asked for again after a wait
     * that doubles with each failure in a row (1 s up to a minute), until a run carries
     * them.
     */
    private void retryKeys(Set<String> keys) {
        Duration wait = keyRetry;
        keyRetry = wait.multipliedBy(2).compareTo(LAST_KEY_RETRY) > 0 ? LAST_KEY_RETRY : wait.multipliedBy(2);
        log.warn("{} key(s) of a failed targeted run are asked for again in {} s", keys.size(), wait.toSeconds());
        try {
            timer.schedule(() -> requestKeys(keys), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException e) {
            log.debug("stopping: the keys are left to the next start's full run");
        }
    }

    /**
     * Runs processing on the calling thread once this instance holds the run lock, so no
     * two runs overlap on one database, whichever instances or commands start them.
     */
    public RunReport runNow(RunTrigger trigger, boolean forced) {
        return runNow(trigger, forced, new RunRequest.Full(), id -> {
        });
    }

    private RunReport runNow(RunTrigger trigger, boolean forced, RunRequest request, Consumer<Long> started) {
        try (RunLock.Held held = runLock.acquire()) {
            return runLocked(trigger, forced, request, started);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the run lock", e);
        }
    }

    private RunReport runLocked(RunTrigger trigger, boolean forced, RunRequest request, Consumer<Long> started) {
        RunScope scope = request.scope();
        Instant startedAt = RunProgress.now();
        // Holding the lock, no run is live anywhere: a run still marked running died with
        // its process.
        int interrupted = runs.failInterrupted(startedAt);
        if (interrupted > 0) {
            log.warn("{} run(s) were interrupted by a stop of their process; this run completes their work",
                    interrupted);
        }
        long id = runs.start(trigger, scope, forced, startedAt);
        RunProgress progress = new RunProgress(id, trigger, scope, forced, startedAt);
        current = progress;
        started.accept(id);
        log.info("run {} started ({}{}{})", id, trigger.value(), forced ? ", forced" : "",
                request instanceof RunRequest.Keys keys ? ", " + keys.keys().size() + " keys" : "");
        RunReport report;
        runThread = Thread.currentThread();
        ScheduledFuture<?> sharing = shareProgress ? timer.scheduleAtFixedRate(() -> share(progress),
                PROGRESS_PERIOD_MS, PROGRESS_PERIOD_MS, TimeUnit.MILLISECONDS) : null;
        try {
            executor.execute(progress, request);
            report = progress.snapshot(RunStatus.SUCCEEDED, RunProgress.now(), null);
            log.info("run {} succeeded: {} listed, {} read, {} added, {} updated, {} removed, {} users, {} rejected",
                    id, report.objectsListed(), report.objectsRead(), report.usersAdded(), report.usersUpdated(),
                    report.usersRemoved(), report.usersTotal(), report.rejected().size());
        }
        catch (RuntimeException e) {
            long pending = outputPendingOrZero();
            report = progress.snapshot(RunStatus.FAILED, RunProgress.now(), failure(e, pending), pending);
            if (stopping || e instanceof StorageException || e.getCause() instanceof StorageException) {
                log.error("run {} failed: {}", id, report.error());
            }
            else {
                log.error("run {} failed: {}", id, report.error(), e);
            }
        }
        finally {
            current = null;
            if (sharing != null) {
                sharing.cancel(false);
            }
        }
        try {
            if (stopping) {
                // Stopped by close(): the interrupt has done its work; the record must
                // still be written.
                Thread.interrupted();
            }
            finish(report);
            for (Consumer<RunReport> listener : listeners) {
                listener.accept(report);
            }
            return report;
        }
        finally {
            runThread = null;
        }
    }

    /**
     * Writes the run's final record. A database that restarted during the run can leave a
     * dead connection in the pool; the pool checks a connection before handing it out, so
     * a few tries on fresh ones get the record written. If the database stays away the
     * record stays "running", and the next run, holding the lock, marks it failed.
     */
    private void finish(RunReport report) {
        for (int attempt = 1;; attempt++) {
            try {
                runs.finish(report);
                return;
            }
            catch (DataAccessException e) {
                if (attempt == FINISH_ATTEMPTS) {
                    log.error("run {}: its record could not be written ({}); the next run marks it failed", report.id(),
                            e.getMostSpecificCause().getMessage());
                    return;
                }
                try {
                    Thread.sleep(500L * attempt);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void share(RunProgress progress) {
        try {
            runs.progress(progress.snapshot(RunStatus.RUNNING, null, null));
        }
        catch (RuntimeException e) {
            log.debug("sharing the progress of run {} failed: {}", progress.id, e.getMessage());
        }
    }

    /** Tells the listener about every finished run (metrics). */
    public void onFinished(Consumer<RunReport> listener) {
        listeners.add(listener);
    }

    /**
     * A stored report, or the live counters instead if this process runs that run now
     * (the stored ones lag, and on SQLite are not written until the run ends).
     */
    public RunReport live(RunReport stored) {
        RunProgress run = current;
        return run != null && run.id == stored.id() ? run.snapshot(RunStatus.RUNNING, null, null) : stored;
    }

    /** The live report of the run going on in this process now, if one is. */
    public Optional<RunReport> current() {
        RunProgress run = current;
        return run == null ? Optional.empty() : Optional.of(run.snapshot(RunStatus.RUNNING, null, null));
    }

    /** What the output bucket is owed; unknown (0) when the database itself is away. */
    private long outputPendingOrZero() {
        try {
            return executor.outputPending();
        }
        catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Carries out what failed runs left owed to the output bucket, on the run thread and
     * under the run lock, so it never overlaps a run; the schedule calls it until the
     * output is in step.
     */
    public void publishOwed() {
        runner.execute(() -> {
            try {
                if (executor.outputPending() == 0) {
                    return;
                }
                try (RunLock.Held held = runLock.acquire()) {
                    long done = executor.publishOwed();
                    log.info("output bucket: {} owed image changes published; output.csv rewritten if stale", done);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException e) {
                log.warn("output bucket still behind: {}; retrying later", e.getMessage());
            }
        });
    }

    private String failure(RuntimeException e, long pending) {
        if (stopping && !(e instanceof PublishingFailedException)) {
            return "the service stopped during the run; nothing was changed, the next run starts over";
        }
        return Reasons.withoutClassNames(failureWithClassNames(e, pending));
    }

    private static String failureWithClassNames(RuntimeException e, long pending) {
        if (e instanceof PublishingFailedException) {
            return "publishing failed after the database was updated: " + e.getMessage()
                    + "; the database serves this run's changes, " + pending + " output changes are pending "
                    + "(output.csv and images still show the previous run) and are retried until storage answers";
        }
        if (e instanceof StorageException) {
            return "storage failed: " + e.getMessage() + "; nothing was changed, the next run retries";
        }
        if (e instanceof DataAccessException data) {
            return "database failed: " + data.getMostSpecificCause().getMessage()
                    + "; nothing was changed, the next run retries";
        }
        return "the run failed unexpectedly" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                + "; nothing was changed, the next run retries; the service log has the details";
    }

    /**
     * Stops a run in progress (it rolls back) and waits for it to record its end, at most
     * {@value #STOP_WAIT_MS} ms, before the pools it uses close after this bean.
     */
    @Override
    public void close() {
        stopping = true;
        runner.shutdownNow();
        Thread running = runThread;
        if (running != null) {
            running.interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        while (runThread != null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
    }

}
