package io.useringest.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down repeated failed logins from one client address: the first
 * {@value #FREE_FAILURES} failures cost nothing, then each further attempt must wait
 * twice as long as the one before (2 s, 4 s, … up to 5 minutes) after the last failure. A
 * success, or {@link #WINDOW} without a failure, forgets the client. Attempts refused
 * while waiting never reach the password check, so guessing costs the attacker time, not
 * the admin an account lock-out. One throttle serves the console's login form and the
 * API's HTTP Basic, so a client cannot switch between them to guess faster.
 */
public class LoginThrottle {

    public static final int FREE_FAILURES = 5;

    static final Duration WINDOW = Duration.ofMinutes(15);

    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    /** Bound on the clients remembered, so a flood of addresses cannot exhaust memory. */
    static final int MAX_CLIENTS = 10_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /**
     * How long the client must still wait before its next attempt is checked; empty: now.
     */
    public Optional<Duration> waitFor(String client, Instant now) {
        Failures f = failures.get(client);
        if (f == null || f.count() < FREE_FAILURES || now.isAfter(f.last().plus(WINDOW))) {
            return Optional.empty();
        }
        Duration wait = waitAfter(f.count());
        Instant allowed = f.last().plus(wait);
        return now.isBefore(allowed) ? Optional.of(Duration.between(now, allowed)) : Optional.empty();
    }

    /**
     * The whole seconds a client must still wait before its next attempt is checked, as a
     * Retry-After header says them (rounded up, at least 1); empty: it may try now.
     */
    public OptionalLong retryAfterSeconds(String client, Instant now) {
        return waitFor(client, now).map(wait -> OptionalLong.of(Math.max(1, wait.toSeconds() + 1)))
            .orElse(OptionalLong.empty());
    }

    static Duration waitAfter(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration wait = Duration.ofSeconds(2L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    public void failed(String client, Instant now) {
        if (failures.size() >= MAX_CLIENTS) {
            failures.values().removeIf(f -> now.isAfter(f.last().plus(WINDOW)));
        }
        if (failures.size() >= MAX_CLIENTS && !failures.containsKey(client)) {
            // Every slot is a recent failure: refuse to track more rather than grow.
            return;
        }
        failures.merge(client, new Failures(1, now), (old, one) -> now.isAfter(old.last().plus(WINDOW))
                ? new Failures(1, now) : new Failures(old.count() + 1, now));
    }

    public void succeeded(String client) {
        failures.remove(client);
    }

}
