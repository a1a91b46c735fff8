package io.useringest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query answering one number, prepared once on a pool connection of its own and run
 * again on every call: on SQLite, preparing the users' version read was 41% of the read
 * and the read an eighth of a /stats request's CPU (async-profiler, docs/benchmarks.md).
 * Calls take turns on the statement (a read is microseconds). When the connection fails
 * the call answers empty, so its caller asks the pool instead, and the next call opens
 * another connection. Each run of the query is its own read transaction: nothing is held
 * between calls that would keep SQLite from checkpointing its log.
 */
public final class PreparedVersionTracker implements VersionTracker {

    private static final Logger log = LoggerFactory.getLogger(PreparedVersionTracker.class);

    private final DataSource dataSource;

    private final String sql;

    private @Nullable Connection connection;

    private @Nullable PreparedStatement statement;

    private boolean closed;

    public PreparedVersionTracker(DataSource dataSource, String sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    /** The query's first column of its first row; empty when it could not be run. */
    public synchronized OptionalLong readLong() {
        if (closed) {
            return OptionalLong.empty();
        }
        try {
            PreparedStatement query = statement;
            if (query == null) {
                Connection opened = dataSource.getConnection();
                connection = opened;
                query = opened.prepareStatement(sql);
                statement = query;
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
        catch (SQLException e) {
            log.warn("the kept query '{}' failed ({}); answered from the pool until its connection is back", sql,
                    e.getMessage());
            release();
            return OptionalLong.empty();
        }
    }

    /** The connection held now, if any (for a test that cuts it). */
    synchronized @Nullable Connection connection() {
        return connection;
    }

    private void release() {
        Connection held = connection;
        connection = null;
        statement = null;
        if (held != null) {
            try {
                held.close();
            }
            catch (SQLException e) {
                log.debug("closing the kept query's connection failed", e);
            }
        }
    }

    @Override
    public OptionalLong latest() {
        return readLong();
    }

    @Override
    public synchronized void close() {
        closed = true;
        release();
    }

}
