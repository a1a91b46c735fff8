package io.useringest.processing;

/** A source object as the ledger remembers it from the run that last read it. */
public record KnownObject(String key, String etag, long size, long lastModified) {
}
