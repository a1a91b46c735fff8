package io.useringest.changes;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a user's row came from: the change that made it, and the CSV's object as the
 * service last read it ({@code csvObject} absent when the row's source was not recorded
 * or the object is gone).
 */
public record Lineage(UserChange change, @Nullable SourceObject csvObject) {

    /** A source object as the ledger holds it: its ETag, size and last-modified time. */
    public record SourceObject(String etag, long size, Instant lastModified) {
    }

}
