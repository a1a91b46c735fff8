package io.useringest.events;

import io.useringest.config.Settings;
import io.useringest.storage.StorageConnection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * On the embedded defaults the embedded S3 server raises the events itself: every put,
 * copy, delete, multi-delete or completed multipart upload through its S3 API of a key
 * below SOURCE_PREFIX in the source bucket goes to the {@link EventBatcher}, with nothing
 * to configure. Files copied straight into DATA_DIR/s3 are found by full runs.
 */
@Component
class EmbeddedEvents {

    EmbeddedEvents(StorageConnection storage, Settings settings, EventBatcher batcher, EventMetrics metrics) {
        storage.onEmbeddedChange((bucket, key) -> {
            boolean source = bucket.equals(settings.sourceBucket()) && key.startsWith(settings.sourcePrefix());
            metrics.received(1, source ? 1 : 0);
            if (source) {
                batcher.accept(List.of(key));
            }
        });
    }

}
