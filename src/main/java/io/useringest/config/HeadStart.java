package io.useringest.config;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slow part of the start (the object store, the database) opened on a thread of its own
 * before the application context starts, so that it overlaps Spring's own start; the bean
 * that needs the part takes it from here. Taken with other settings than it was opened
 * with (an argument on the command line that the early reading could not see), it is
 * closed and the part opened again with the bean's settings.
 *
 * @param <T> the part
 */
public final class HeadStart<T extends AutoCloseable> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadStart.class);

    private final String name;

    private final Settings settings;

    private final CompletableFuture<T> part;

    private final AtomicBoolean taken = new AtomicBoolean();

    private HeadStart(String name, Settings settings, CompletableFuture<T> part) {
        this.name = name;
        this.settings = settings;
        this.part = part;
    }

    /**
     * Starts opening the part with {@code settings} on a daemon thread named
     * {@code name}.
     */
    public static <T extends AutoCloseable> HeadStart<T> begin(String name, Settings settings,
            Function<Settings, T> open) {
        CompletableFuture<T> part = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                part.complete(open.apply(settings));
            }
            catch (RuntimeException | Error e) {
                part.completeExceptionally(e);
            }
        }, "head-start-" + name);
        thread.setDaemon(true);
        thread.start();
        return new HeadStart<>(name, settings, part);
    }

    /**
     * The part opened early if {@code wanted} are the settings it was opened with,
     * otherwise {@code open} applied to them; a failure of the early opening is thrown as
     * it was thrown (as {@link Futures} does). The caller owns what it gets.
     */
    public T take(Settings wanted, Function<Settings, T> open) {
        if (!taken.compareAndSet(false, true)) {
            return open.apply(wanted);
        }
        if (!wanted.equals(settings)) {
            log.debug("{}: opened again, the application context's settings differ", name);
            closeWhenOpened();
            return open.apply(wanted);
        }
        T opened = Futures.await(part, "opening the " + name, List.of());
        log.debug("{}: opened while the application context was built", name);
        return opened;
    }

    /** Closes the part if no bean took it. */
    @Override
    public void close() {
        if (taken.compareAndSet(false, true)) {
            closeWhenOpened();
        }
    }

    private void closeWhenOpened() {
        part.thenAccept(opened -> {
            try {
                opened.close();
            }
            catch (Exception e) {
                log.warn("closing what the start opened early failed: {}", e.toString());
            }
        });
    }

}
