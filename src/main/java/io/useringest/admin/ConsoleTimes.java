package io.useringest.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the console writes times and durations for people: UTC to the second
 * ({@code 2026-12-04 17:37:18 UTC}), how long ago or how soon ({@code 5 min ago},
 * {@code in 38 min}), and durations in the unit that suits them ({@code 45 ms},
 * {@code 3.2 s}, {@code 4 min 12 s}). Templates call it as {@code @times}.
 */
@Component("times")
public class ConsoleTimes {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private final Clock clock;

    ConsoleTimes(Clock clock) {
        this.clock = clock;
    }

    /** The instant in UTC, to the second. */
    public String at(Instant instant) {
        return AT.format(instant);
    }

    /** The instant as a machine-readable value for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * How long ago, or how soon: "just now", "5 min ago", "in 38 min", "3 h ago", "2 days
     * ago".
     */
    public String relative(Instant instant) {
        Duration between = Duration.between(clock.instant(), instant);
        boolean future = !between.isNegative();
        long seconds = Math.abs(between.toSeconds());
        if (seconds < 10) {
            return future ? "in a few seconds" : "just now";
        }
        String span;
        if (seconds < 60) {
            span = seconds + " s";
        }
        else if (seconds < 3600) {
            span = seconds / 60 + " min";
        }
        else if (seconds < 48 * 3600) {
            span = seconds / 3600 + " h"
                    + (seconds < 10 * 3600 && seconds % 3600 >= 60 ? " " + seconds % 3600 / 60 + " min" : "");
        }
        else {
            span = seconds / 86400 + " days";
        }
        return future ? "in " + span : span + " ago";
    }

    /** A run's duration, from its start and end. */
    public String took(Instant start, Instant end) {
        return duration(Duration.between(start, end).toMillis() / 1000.0);
    }

    /** A duration in seconds in the unit that suits it. */
    static String duration(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%d ms", Math.round(seconds * 1000));
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.1f s" : "%.0f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return whole / 60 + " min " + whole % 60 + " s";
        }
        return whole / 3600 + " h " + whole % 3600 / 60 + " min";
    }

}
