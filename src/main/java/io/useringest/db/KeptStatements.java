package io.useringest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Statements kept prepared on each of the pool's connections, by SQL text, for the small
 * queries run on every request (a page of GET /data): SQLite's driver prepares each
 * statement anew, and preparing was about a twentieth of a random page (async-profiler,
 * docs/benchmarks.md). The statements belong to the database connection under the pool's
 * proxy, so they live as long as it does; the entries of connections the pool has closed
 * are forgotten when a new connection comes. The SQL texts are the service's own, a
 * handful per query.
 */
final class KeptStatements {

    /**
     * Guarded by this; each inner map is used by the thread the pool lent its connection.
     */
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new IdentityHashMap<>();

    private final AtomicInteger prepared = new AtomicInteger();

    /**
     * The statement for {@code sql} on the pool's connection, prepared the first time.
     */
    PreparedStatement statement(Connection pooled, String sql) throws SQLException {
        Connection connection = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> statements = statementsOf(connection);
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
            prepared.incrementAndGet();
        }
        return statement;
    }

    /** Closes and forgets a statement that failed; the next call prepares it again. */
    void discard(Connection pooled, String sql) throws SQLException {
        Map<String, PreparedStatement> statements = statementsOf(pooled.unwrap(Connection.class));
        PreparedStatement statement = statements.remove(sql);
        if (statement != null) {
            statement.close();
        }
    }

    /** How many connections have statements kept (for tests). */
    synchronized int connections() {
        return byConnection.size();
    }

    /** How many statements were prepared so far (for tests). */
    int prepared() {
        return prepared.get();
    }

    private synchronized Map<String, PreparedStatement> statementsOf(Connection connection) throws SQLException {
        Map<String, PreparedStatement> statements = byConnection.get(connection);
        if (statements == null) {
            byConnection.keySet().removeIf(KeptStatements::isClosed);
            statements = new ConcurrentHashMap<>();
            byConnection.put(connection, statements);
        }
        return statements;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        }
        catch (SQLException e) {
            return true;
        }
    }

}
