package io.useringest.source;

import io.useringest.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one archive object: the whole of it as a stream, or a range of it (the end
 * record and the central directory are read from the tail before the entries are
 * streamed).
 */
public interface ArchiveBytes {

    long size();

    InputStream open() throws IOException;

    InputStream open(long offset, long length) throws IOException;

    /**
     * An object in a bucket, read with one GET for the whole and ranged GETs for its
     * tail.
     */
    static ArchiveBytes stored(ObjectStore store, String bucket, String key, long size) {
        return new ArchiveBytes() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() {
                return store.read(bucket, key);
            }

            @Override
            public InputStream open(long offset, long length) {
                return store.read(bucket, key, offset, length);
            }
        };
    }

    /** An archive held in memory (tests, and nothing large). */
    static ArchiveBytes of(byte[] bytes) {
        return new ArchiveBytes() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public InputStream open(long offset, long length) {
                return new ByteArrayInputStream(bytes, (int) offset, (int) length);
            }
        };
    }

}
