package io.useringest.events;

import io.useringest.config.Settings;
import io.useringest.storage.StorageConnection;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the embedded defaults the embedded S3 server raises the events itself: every put,
 * copy, delete, multi-delete or completed multipart upload through its S3 API of a key
 * below SOURCE_PREFIX in the source bucket goes to the {@link EventBatcher}, with nothing
 * to configure. Files copied straight into DATA_DIR/s3 are found by full runs. It listens
 * from the moment the service is ready: what was written before (the demo data) is the
 * start-up run's.
 */
@Component
class EmbeddedEvents {

    private final StorageConnection storage;

    private final Settings settings;

    private final EventBatcher batcher;

    private final EventMetrics metrics;

    EmbeddedEvents(StorageConnection storage, Settings settings, EventBatcher batcher, EventMetrics metrics) {
        this.storage = storage;
        this.settings = settings;
        this.batcher = batcher;
        this.metrics = metrics;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void listen() {
        storage.onEmbeddedChange((bucket, key) -> {
            boolean source = bucket.equals(settings.sourceBucket()) && key.startsWith(settings.sourcePrefix());
            if (!source && bucket.equals(settings.outputBucket())) {
                // The service's own publishing (output.csv, images): not a storage event
                // anyone sent, so not counted as one.
                return;
            }
            metrics.received(1, source ? 1 : 0);
            if (source) {
                batcher.accept(List.of(key));
            }
        });
    }

}
