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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts a run when the service is ready and then every PROCESSING_INTERVAL; between
 * runs, retries every PROCESSING_PUBLISH_RETRY what a failed publish left owed to the
 * output bucket. Off when {@value #ENABLED} is false ({@code process}, and tests that run
 * their own passes), read when the service is ready rather than as a condition on the
 * bean, since the service's bean definitions are prepared at build time.
 */
@Component
public class ProcessingSchedule implements AutoCloseable {

    /** The property that turns the schedule off. */
    public static final String ENABLED = "useringest.schedule.enabled";

    private final ProcessingService processing;

    private final Settings settings;

    private final boolean enabled;

    private final ScheduledExecutorService timer = Executors
        .newSingleThreadScheduledExecutor(DaemonThreads.named("processing-schedule"));

    private volatile @Nullable ScheduledFuture<?> scheduled;

    ProcessingSchedule(ProcessingService processing, Settings settings, Environment environment) {
        this.processing = processing;
        this.settings = settings;
        this.enabled = environment.getProperty(ENABLED, Boolean.class, true);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!enabled) {
            return;
        }
        processing.request(RunTrigger.STARTUP, false);
        long period = settings.processingInterval().toMillis();
        scheduled = timer.scheduleAtFixedRate(() -> processing.request(RunTrigger.SCHEDULE, false), period, period,
                TimeUnit.MILLISECONDS);
        long retry = settings.publishRetry().toMillis();
        timer.scheduleWithFixedDelay(processing::publishOwed, retry, retry, TimeUnit.MILLISECONDS);
    }

    /**
     * When the schedule asks for its next run; empty before the service is ready and when
     * it is off.
     */
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
