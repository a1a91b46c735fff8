package io.useringest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle();

    private final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theFirstFailuresCostNothingThenEachWaitDoubles() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(throttle.waitFor("a", t0)).isEmpty();
            throttle.failed("a", t0);
        }
        assertThat(throttle.waitFor("a", t0)).contains(Duration.ofSeconds(2));
        assertThat(throttle.waitFor("a", t0.plusSeconds(2))).isEmpty();
        throttle.failed("a", t0.plusSeconds(2));
        assertThat(throttle.waitFor("a", t0.plusSeconds(2))).contains(Duration.ofSeconds(4));
        assertThat(LoginThrottle.waitAfter(100)).isEqualTo(LoginThrottle.LONGEST_WAIT);
    }

    @Test
    void clientsAreCountedApartAndASuccessOrAQuietWindowForgets() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("a", t0);
        }
        assertThat(throttle.waitFor("b", t0)).isEmpty();
        assertThat(throttle.waitFor("a", t0.plus(LoginThrottle.WINDOW).plusSeconds(1))).isEmpty();
        throttle.succeeded("a");
        assertThat(throttle.waitFor("a", t0)).isEmpty();
    }

    @Test
    void aFloodOfAddressesIsBounded() {
        for (int i = 0; i < LoginThrottle.MAX_CLIENTS + 500; i++) {
            throttle.failed("client-" + i, t0);
        }
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("client-0", t0);
        }
        assertThat(throttle.waitFor("client-0", t0)).isPresent();
        // Once the old failures have aged out, new clients are tracked again.
        Instant later = t0.plus(LoginThrottle.WINDOW).plusSeconds(1);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("late", later);
        }
        assertThat(throttle.waitFor("late", later)).isPresent();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        LoginThrottle throttle = new LoginThrottle();
        assertThat(throttle.retryAfterSeconds("a", t0)).isEmpty();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("a", t0);
        }
        assertThat(throttle.retryAfterSeconds("a", t0.plusMillis(500))).hasValue(2);
        assertThat(throttle.retryAfterSeconds("a", t0.plusMillis(1999))).hasValue(1);
        assertThat(throttle.retryAfterSeconds("a", t0.plusSeconds(2))).isEmpty();
    }

}
