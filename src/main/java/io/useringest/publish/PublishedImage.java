package io.useringest.publish;

/**
 * Which source image (and which read of it) is published for a user, and under which
 * output key.
 */
public record PublishedImage(String objectKey, String entryName, long readRun, String outputKey) {
}
