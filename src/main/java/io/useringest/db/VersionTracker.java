package io.useringest.db;

import java.util.OptionalLong;

/**
 * How a process learns a version kept in the database (the users' version) cheaply, the
 * way the dialect chooses ({@link DatabaseDialect#trackVersion}): told of every commit
 * ({@link NotifiedVersionTracker}, PostgreSQL's LISTEN/NOTIFY), read through a statement
 * kept prepared ({@link PreparedVersionTracker}, SQLite), or not tracked at all
 * ({@link Untracked}: the caller reads it from the pool).
 */
public sealed interface VersionTracker extends AutoCloseable
        permits NotifiedVersionTracker, PreparedVersionTracker, VersionTracker.Untracked {

    /** The number now; empty when it cannot be told this way (the caller reads it). */
    OptionalLong latest();

    @Override
    void close();

    /** Nothing tracked: every read goes to the pool. */
    record Untracked() implements VersionTracker {

        @Override
        public OptionalLong latest() {
            return OptionalLong.empty();
        }

        @Override
        public void close() {
        }

    }

}
