package io.useringest.runs;

/** A source file that was not ingested, and why. */
public record Rejection(String key, String reason) {
}
