package io.useringest.publish;

import org.jspecify.annotations.Nullable;

/**
 * One change to the output bucket that a committed run still owes: COPY a loose source
 * image, EXTRACT an image from a source archive ({@code entryName} set), or DELETE the
 * output key.
 */
public record PublishTask(String outputKey, Action action, @Nullable String sourceKey, @Nullable String entryName,
        @Nullable String contentType) {

    /** A COPY or an EXTRACT names its source and content type; a DELETE names neither. */
    public PublishTask {
        boolean writes = action != Action.DELETE;
        if ((sourceKey != null) != writes || (contentType != null) != writes
                || (entryName != null) != (action == Action.EXTRACT)) {
            throw new IllegalArgumentException("a " + action + " of " + outputKey + " with source " + sourceKey
                    + ", entry " + entryName + " and content type " + contentType);
        }
    }

    /** The source object a COPY or an EXTRACT reads. */
    public String source() {
        return required(sourceKey, "source key");
    }

    /** The entry of the archive an EXTRACT reads. */
    public String entry() {
        return required(entryName, "archive entry");
    }

    /** The content type a COPY or an EXTRACT writes. */
    public String type() {
        return required(contentType, "content type");
    }

    private String required(@Nullable String value, String what) {
        if (value == null) {
            throw new IllegalStateException("a " + action + " of " + outputKey + " has no " + what);
        }
        return value;
    }

    public enum Action {

        COPY, EXTRACT, DELETE

    }
}
