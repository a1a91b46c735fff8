package io.useringest.db;

/**
 * Keeps runs from overlapping across every instance and command that share one database.
 */
public interface RunLock extends AutoCloseable {

    /** Waits until this process holds the lock; closing the handle releases it. */
    Held acquire() throws InterruptedException;

    /** A held lock. */
    interface Held extends AutoCloseable {

        @Override
        void close();

    }

    @Override
    void close();

}
