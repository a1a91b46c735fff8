package io.useringest.db;

import java.util.OptionalLong;

/**
 * A number in the database a process follows cheaply (the users' version), in the way the
 * dialect chooses ({@link DatabaseDialect#follow}): told of every commit
 * ({@link AnnouncedNumber}, PostgreSQL), read through a statement kept prepared
 * ({@link KeptQuery}, SQLite), or not followed at all ({@link Unfollowed}: the caller
 * reads it from the pool).
 */
public sealed interface FollowedNumber extends AutoCloseable
        permits AnnouncedNumber, KeptQuery, FollowedNumber.Unfollowed {

    /** The number now; empty when it cannot be told this way (the caller reads it). */
    OptionalLong latest();

    @Override
    void close();

    /** Nothing followed: every read goes to the pool. */
    record Unfollowed() implements FollowedNumber {

        @Override
        public OptionalLong latest() {
            return OptionalLong.empty();
        }

        @Override
        public void close() {
        }

    }

}
