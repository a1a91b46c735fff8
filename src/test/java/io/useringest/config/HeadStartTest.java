package io.useringest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class HeadStartTest {

    private final Settings settings = Settings.from(new MockEnvironment().withProperty("data.dir", "/srv/a"));

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void theBeanTakesWhatWasOpenedEarlyWithTheSameSettings() {
        HeadStart<Part> headStart = HeadStart.begin("part", settings, s -> open("early", s));
        Part taken = headStart.take(Settings.from(new MockEnvironment().withProperty("data.dir", "/srv/a")),
                s -> open("late", s));
        assertThat(taken.name()).isEqualTo("early /srv/a");
        headStart.close();
        assertThat(events).as("opened once, and not closed: the bean owns it").containsExactly("open early /srv/a");
    }

    @Test
    void otherSettingsCloseWhatWasOpenedEarlyAndOpenWithThem() throws InterruptedException {
        HeadStart<Part> headStart = HeadStart.begin("part", settings, s -> open("early", s));
        Settings other = Settings.from(new MockEnvironment().withProperty("data.dir", "/srv/b"));
        assertThat(headStart.take(other, s -> open("late", s)).name()).isEqualTo("late /srv/b");
        awaitEvents(3);
        assertThat(events).containsExactlyInAnyOrder("open early /srv/a", "close early /srv/a", "open late /srv/b");
    }

    @Test
    void aFailureWhileOpeningEarlyIsThrownAsItWasThrown() {
        InvalidSettingException refused = new InvalidSettingException("STORAGE_EMBEDDED_PORT", "port 9000 is in use");
        HeadStart<Part> headStart = HeadStart.begin("part", settings, s -> {
            throw refused;
        });
        assertThatThrownBy(() -> headStart.take(settings, s -> open("late", s))).isSameAs(refused);
        assertThat(events).isEmpty();
    }

    @Test
    void whatNoBeanTookIsClosedWithTheContext() throws InterruptedException {
        CountDownLatch slow = new CountDownLatch(1);
        HeadStart<Part> headStart = HeadStart.begin("part", settings, s -> {
            await(slow);
            return open("early", s);
        });
        headStart.close();
        slow.countDown();
        awaitEvents(2);
        assertThat(events).containsExactly("open early /srv/a", "close early /srv/a");
    }

    private Part open(String how, Settings settings) {
        String name = how + " " + settings.dataDir();
        events.add("open " + name);
        return new Part(name, events);
    }

    private void awaitEvents(int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.size() < count && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Part(String name, List<String> events) implements AutoCloseable {

        @Override
        public void close() {
            events.add("close " + name);
        }

    }

}
