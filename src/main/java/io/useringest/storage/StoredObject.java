package io.useringest.storage;

import java.time.Instant;

/** One object as a listing shows it; {@code etag} is empty when the server gives none. */
public record StoredObject(String key, String etag, long size, Instant lastModified) {

    public StoredObject {
        etag = etag == null ? "" : stripQuotes(etag);
    }

    private static String stripQuotes(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
