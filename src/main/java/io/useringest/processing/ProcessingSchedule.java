package io.useringest.processing;

import io.useringest.config.DaemonThreads;
import io.useringest.config.Settings;
import io.useringest.runs.RunTrigger;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts a run when the service is ready and then every PROCESSING_INTERVAL; between
 * runs, retries every PROCESSING_PUBLISH_RETRY what a failed publish left owed to the
 * output bucket.
 */
@Component
@ConditionalOnProperty(name = "useringest.schedule.enabled", havingValue = "true", matchIfMissing = true)
public class ProcessingSchedule implements AutoCloseable {

    private final ProcessingService processing;

    private final Settings settings;

    private final ScheduledExecutorService timer = Executors
        .newSingleThreadScheduledExecutor(DaemonThreads.named("processing-schedule"));

    private volatile @Nullable ScheduledFuture<?> scheduled;

    ProcessingSchedule(ProcessingService processing, Settings settings) {
        this.processing = processing;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        processing.request(RunTrigger.STARTUP, false);
        long period = settings.processingInterval().toMillis();
        scheduled = timer.scheduleAtFixedRate(() -> processing.request(RunTrigger.SCHEDULE, false), period, period,
                TimeUnit.MILLISECONDS);
        long retry = settings.publishRetry().toMillis();
        timer.scheduleWithFixedDelay(processing::publishOwed, retry, retry, TimeUnit.MILLISECONDS);
    }

    /** When the schedule asks for its next run; empty before the service is ready. */
    public Optional<Instant> nextRun() {
        ScheduledFuture<?> next = scheduled;
        return next == null ? Optional.empty()
                : Optional.of(Instant.now().plusMillis(next.getDelay(TimeUnit.MILLISECONDS)));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

}
