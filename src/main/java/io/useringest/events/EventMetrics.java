package io.useringest.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Prometheus figures of storage events: records received, accepted, ignored (another
 * bucket, outside the prefix, another kind), requests rejected (bad token, bad payload,
 * too large), keys per targeted run, and the lag from an event's arrival to the end of
 * the run that made it visible.
 */
@Component
class EventMetrics {

    /** The gauge the console shows as the last event's lag. */
    static final String LAST_LAG = "useringest.events.last.lag";

    private final Counter received;

    private final Counter accepted;

    private final Counter ignored;

    private final Counter rejected;

    private final DistributionSummary keys;

    private final Timer lag;

    private final AtomicLong lastLagNanos = new AtomicLong(-1);

    EventMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        received = Counter.builder("useringest.events.received").description("event records received").register(meters);
        accepted = Counter.builder("useringest.events.accepted")
            .description("event records queued for a run")
            .register(meters);
        ignored = Counter.builder("useringest.events.ignored")
            .description("event records for another bucket, outside SOURCE_PREFIX, or of another kind")
            .register(meters);
        rejected = Counter.builder("useringest.events.rejected")
            .description("event requests refused: bad token, bad payload, too large")
            .register(meters);
        keys = DistributionSummary.builder("useringest.events.keys.per.run")
            .description("keys handed to one targeted run")
            .register(meters);
        lag = Timer.builder("useringest.events.visible.lag")
            .description("from an event's arrival to the end of the run that made it visible")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofMinutes(5))
            .register(meters);
        Gauge.builder(LAST_LAG, lastLagNanos, nanos -> nanos.get() < 0 ? Double.NaN : nanos.get() / 1e9)
            .description("the lag of the latest event made visible (NaN before the first)")
            .baseUnit("seconds")
            .register(meters);
    }

    void received(int records, int acceptedRecords) {
        received.increment(records);
        accepted.increment(acceptedRecords);
        ignored.increment(records - acceptedRecords);
    }

    void rejected() {
        rejected.increment();
    }

    void batch(int size) {
        keys.record(size);
    }

    void visibleAfter(long nanos) {
        lag.record(Duration.ofNanos(nanos));
        lastLagNanos.set(nanos);
    }

}
