package io.useringest.processing;

import java.util.Optional;

/**
 * A run report lists at most a thousand rejected files; the rest are counted in one
 * warning.
 */
public final class RejectionCap {

    public static final int MAX_LISTED = 1000;

    private RejectionCap() {
    }

    public static Optional<String> leftOut(long rejections) {
        return rejections > MAX_LISTED ? Optional.of((rejections - MAX_LISTED) + " more rejected files not listed")
                : Optional.empty();
    }

}
