package io.useringest.config;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for work handed to a pool: a failure of the work is rethrown as it was thrown
 * (a storage failure stays one), and the work still pending is cancelled.
 */
public final class Futures {

    private Futures() {
    }

    /** The result of {@code future}; {@code others} are cancelled if it failed. */
    public static <T> T await(Future<T> future, String work, Collection<? extends Future<?>> others) {
        try {
            return future.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(work + " interrupted", e);
        }
        catch (ExecutionException e) {
            others.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for each in turn; the first failure cancels the rest. */
    public static void awaitAll(List<? extends Future<?>> futures, String work) {
        for (Future<?> future : futures) {
            await(future, work, futures);
        }
    }

}
