package io.useringest.events;

/**
 * One record of a bucket notification: what happened ({@code s3:ObjectCreated:Put}…) to
 * which bucket and key.
 */
public record BucketEvent(String name, String bucket, String key) {

    /**
     * A write or a delete: the kinds that can change what a key holds (not reads,
     * replication, tagging…).
     */
    public boolean changesObject() {
        return name.startsWith("s3:ObjectCreated:") || name.startsWith("s3:ObjectRemoved:");
    }

}
