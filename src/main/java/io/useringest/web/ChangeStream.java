package io.useringest.web;

import io.useringest.changes.ChangeLog;
import io.useringest.changes.UserChange;
import io.useringest.config.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The change feed followed live (Server-Sent Events): one timer looks for new changes
 * every {@value #POLL_MILLIS} ms (one index lookup, only while someone follows) and sends
 * each follower what is new for it, each change an event whose id is its seq (what a
 * reconnecting EventSource sends back as Last-Event-ID). A comment line every 15 s keeps
 * idle connections open through proxies.
 */
@Component
class ChangeStream implements DisposableBean {

    static final int POLL_MILLIS = 200;

    private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);

    private static final int BATCH = 500;

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final ChangeLog changes;

    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService timer = Executors
        .newSingleThreadScheduledExecutor(DaemonThreads.named("change-stream"));

    ChangeStream(ChangeLog changes) {
        this.changes = changes;
        timer.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts following the changes after {@code after}, narrowed to a run or a user. */
    SseEmitter follow(long after, @Nullable Long runId, @Nullable String userId) {
        SseEmitter emitter = new SseEmitter(0L);
        Follower follower = new Follower(emitter, runId, userId, after);
        emitter.onCompletion(() -> followers.remove(follower));
        emitter.onTimeout(() -> followers.remove(follower));
        emitter.onError(e -> followers.remove(follower));
        followers.add(follower);
        return emitter;
    }

    private void tick() {
        if (followers.isEmpty()) {
            return;
        }
        try {
            long last = changes.lastSeq();
            long now = System.nanoTime();
            for (Follower follower : followers) {
                if (follower.after < last) {
                    follower.send(changes, last);
                }
                else if (now - follower.lastWrite > KEEP_ALIVE.toNanos()) {
                    follower.keepAlive();
                }
            }
        }
        catch (RuntimeException e) {
            // The database away: the followers wait, and are served when it is back.
            log.warn("the change feed could not be read: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        followers.forEach(follower -> follower.emitter.complete());
    }

    private final class Follower {

        private final SseEmitter emitter;

        private final @Nullable Long runId;

        private final @Nullable String userId;

        private volatile long after;

        private volatile long lastWrite = System.nanoTime();

        Follower(SseEmitter emitter, @Nullable Long runId, @Nullable String userId, long after) {
            this.emitter = emitter;
            this.runId = runId;
            this.userId = userId;
            this.after = after;
        }

        /**
         * Sends what is new for this follower up to {@code last}; after it the follower
         * has seen everything through {@code last}, also what its filter left out.
         */
        void send(ChangeLog log, long last) {
            try {
                List<UserChange> batch;
                do {
                    batch = log.after(after, BATCH, runId, userId);
                    for (UserChange change : batch) {
                        emitter.send(SseEmitter.event()
                            .id(Long.toString(change.seq()))
                            .data(ChangeView.of(change), MediaType.APPLICATION_JSON));
                        after = change.seq();
                        lastWrite = System.nanoTime();
                    }
                }
                while (batch.size() == BATCH);
                after = Math.max(after, last);
            }
            catch (IOException | IllegalStateException e) {
                gone(e);
            }
        }

        void keepAlive() {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
                lastWrite = System.nanoTime();
            }
            catch (IOException | IllegalStateException e) {
                gone(e);
            }
        }

        private void gone(Exception e) {
            followers.remove(this);
            emitter.completeWithError(e);
        }

    }

}
