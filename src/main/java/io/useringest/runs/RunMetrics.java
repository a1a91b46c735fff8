package io.useringest.runs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Run counters and durations, users and rejected files, for /actuator/prometheus. */
public class RunMetrics {

    private final MeterRegistry registry;

    private final AtomicLong users = new AtomicLong();

    private final AtomicLong rejected = new AtomicLong();

    public RunMetrics(MeterRegistry registry, RunRepository runs) {
        this.registry = registry;
        Gauge.builder("useringest.users", users, AtomicLong::get)
            .description("users in the table after the last successful run")
            .register(registry);
        Gauge.builder("useringest.rejected.files", rejected, AtomicLong::get)
            .description("source files rejected at the last successful run")
            .register(registry);
        runs.latest(20).stream().filter(r -> r.status() == RunStatus.SUCCEEDED).findFirst().ifPresent(this::gauges);
    }

    public void record(RunReport report) {
        String status = report.status().value();
        Counter.builder("useringest.runs")
            .tag("status", status)
            .tag("trigger", report.trigger().value())
            .description("processing runs")
            .register(registry)
            .increment();
        if (report.finishedAt() != null) {
            Timer.builder("useringest.run.duration")
                .tag("status", status)
                .description("duration of processing runs")
                .register(registry)
                .record(Duration.between(report.startedAt(), report.finishedAt()));
        }
        if (report.status() == RunStatus.SUCCEEDED) {
            gauges(report);
        }
    }

    private void gauges(RunReport report) {
        users.set(report.usersTotal());
        rejected.set(report.rejected().size());
    }

}
