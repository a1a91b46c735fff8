package io.useringest.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** /actuator/health "storage": up when both buckets answer. */
public class StorageHealth implements HealthIndicator {

    private final ObjectStore store;

    private final String endpoint;

    private final String sourceBucket;

    private final String outputBucket;

    public StorageHealth(ObjectStore store, String endpoint, String sourceBucket, String outputBucket) {
        this.store = store;
        this.endpoint = endpoint;
        this.sourceBucket = sourceBucket;
        this.outputBucket = outputBucket;
    }

    @Override
    public Health health() {
        try {
            boolean source = store.bucketExists(sourceBucket);
            boolean output = store.bucketExists(outputBucket);
            Health.Builder health = source && output ? Health.up() : Health.down();
            return health.withDetail("endpoint", endpoint)
                .withDetail("source_bucket", source ? "present" : "missing")
                .withDetail("output_bucket", output ? "present" : "missing")
                .build();
        }
        catch (StorageException e) {
            return Health.down()
                .withDetail("endpoint", endpoint)
                .withDetail("error", String.valueOf(e.getMessage()))
                .build();
        }
    }

}
