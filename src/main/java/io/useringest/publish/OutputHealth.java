package io.useringest.publish;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * /actuator/health "output": UP when the output bucket is in step with the database,
 * BEHIND while a failed publish still owes it changes (the service answers queries
 * meanwhile, so BEHIND keeps HTTP 200).
 */
public class OutputHealth implements HealthIndicator {

    public static final Status BEHIND = new Status("BEHIND",
            "the output bucket lags the database; publishing is retried");

    private final OutputPublisher publisher;

    public OutputHealth(OutputPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public Health health() {
        return (publisher.behind() ? Health.status(BEHIND) : Health.up())
            .withDetail("output_pending", publisher.pending())
            .build();
    }

}
