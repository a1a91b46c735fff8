package io.useringest.events;

import io.useringest.config.DaemonThreads;
import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunReport;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Coalesces the keys of accepted events into targeted runs: a run is asked for once no
 * event came for a quiet window (50 ms: the events of one upload tool's burst come closer
 * than that), or at the latest 2 s after the first key of the batch; keys are
 * deduplicated. The request never waits for the run; keys arriving while a run goes on
 * queue for the next ({@link ProcessingService#requestKeys}).
 */
@Component
class EventBatcher implements AutoCloseable {

    static final long QUIET_MS = 50;

    static final long CAP_MS = 2000;

    private final ProcessingService processing;

    private final EventMetrics metrics;

    private final ScheduledExecutorService timer = Executors
        .newSingleThreadScheduledExecutor(DaemonThreads.named("event-batch"));

    private final Set<String> keys = new HashSet<>();

    private long firstKeyNanos;

    private @Nullable ScheduledFuture<?> flush;

    EventBatcher(ProcessingService processing, EventMetrics metrics) {
        this.processing = processing;
        this.metrics = metrics;
    }

    synchronized void accept(Collection<String> newKeys) {
        if (newKeys.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (keys.isEmpty()) {
            firstKeyNanos = now;
        }
        keys.addAll(newKeys);
        if (flush != null) {
            flush.cancel(false);
        }
        long waited = (now - firstKeyNanos) / 1_000_000;
        flush = timer.schedule(this::flush, Math.max(0, Math.min(QUIET_MS, CAP_MS - waited)), TimeUnit.MILLISECONDS);
    }

    private void flush() {
        Set<String> batch;
        long since;
        synchronized (this) {
            if (keys.isEmpty()) {
                return;
            }
            batch = new HashSet<>(keys);
            since = firstKeyNanos;
            keys.clear();
            flush = null;
        }
        metrics.batch(batch.size());
        processing.requestKeys(batch).whenComplete((RunReport report, Throwable failure) -> {
            if (report != null) {
                metrics.visibleAfter(System.nanoTime() - since);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

}
