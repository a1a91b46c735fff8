package io.useringest.processing;

import io.useringest.config.DaemonThreads;
import io.useringest.db.RunLock;
import io.useringest.publish.OutputPublisher;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites output.csv after the runs that changed users. A full run waits for its own
 * write; a targeted run (storage events) only asks for one, so at a million users the
 * seconds a rewrite takes never delay the next run: requests made while a rewrite is
 * queued share it, at most one is in flight, and a rewrite starts no sooner after the
 * previous one than that one took, so rewrites use at most half of a core while events
 * keep coming (output.csv then trails the table by at most about two rewrites). Writes
 * hold the output.csv lock (every instance and command), so they never overlap and the
 * last one written is the newest.
 */
public class OutputCsvRefresh implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutputCsvRefresh.class);

    private final OutputPublisher publisher;

    private final RunLock csvLock;

    private final ScheduledExecutorService writer = Executors
        .newSingleThreadScheduledExecutor(DaemonThreads.named("output-csv"));

    /** When the next background rewrite may start (System.nanoTime). */
    private volatile long notBefore = System.nanoTime();

    private final AtomicBoolean queued = new AtomicBoolean();

    private final AtomicInteger unfinished = new AtomicInteger();

    public OutputCsvRefresh(OutputPublisher publisher, RunLock csvLock) {
        this.publisher = publisher;
        this.csvLock = csvLock;
    }

    /**
     * Rewrites output.csv now if a run left it stale, after any rewrite in flight;
     * returns whether it wrote.
     */
    public boolean writeNow() {
        try (RunLock.Held held = csvLock.acquire()) {
            return publisher.publishCsvIfStale();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the output.csv lock", e);
        }
    }

    /**
     * Asks for a rewrite off the calling thread. A failed one is left to the retry of
     * owed publishing (the output is then reported behind).
     */
    public void request() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        unfinished.incrementAndGet();
        writer.schedule(() -> {
            queued.set(false);
            long start = System.nanoTime();
            try {
                if (writeNow()) {
                    log.info("output.csv rewritten in {} ms", (System.nanoTime() - start) / 1_000_000);
                }
            }
            catch (RuntimeException e) {
                log.warn("rewriting output.csv failed: {}; retried with the owed publishing", e.getMessage());
            }
            finally {
                long end = System.nanoTime();
                notBefore = end + (end - start);
                unfinished.decrementAndGet();
            }
        }, Math.max(0, notBefore - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Whether a requested rewrite is queued or being written. */
    public boolean busy() {
        return unfinished.get() > 0;
    }

    @Override
    public void close() {
        writer.shutdownNow();
        csvLock.close();
    }

}
