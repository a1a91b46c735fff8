package io.useringest.publish;

/**
 * One change to the output bucket that a committed run still owes: COPY a loose source
 * image, EXTRACT an image from a source archive ({@code entryName} set), or DELETE the
 * output key.
 */
public record PublishTask(String outputKey, Action action, String sourceKey, String entryName, String contentType) {

    public enum Action {

        COPY, EXTRACT, DELETE

    }
}
