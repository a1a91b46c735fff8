package io.useringest.processing;

import java.time.Duration;

/**
 * What a run is configured with: where the source is, how many objects are read at once,
 * and how long publishing is retried while storage is away.
 */
public record RunSettings(String sourceBucket, String sourcePrefix, int readConcurrency, Duration publishRetry) {
}
