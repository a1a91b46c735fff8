package io.useringest.storage;

/**
 * Told of every object written or deleted through the embedded server's S3 API (its own
 * bucket notifications).
 */
@FunctionalInterface
public interface StorageChangeListener {

    void changed(String bucket, String key);

}
