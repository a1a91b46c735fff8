package io.useringest.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A number in a PostgreSQL database that only grows and that a trigger announces on a
 * notification channel (its payload) whenever a transaction raising it commits, whichever
 * process wrote it: kept up to date on a connection of its own, so a reader learns it
 * without a round trip to the database. While that connection is not listening,
 * {@link #latest()} is empty and the reader must ask the database. It is also read again
 * once a second on that connection, so even an announcement lost on a connection that
 * died without saying so is made good within a second.
 */
public final class NotifiedVersionTracker implements VersionTracker {

    private static final Logger log = LoggerFactory.getLogger(NotifiedVersionTracker.class);

    private static final int RECHECK_MILLIS = 1_000;

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final DataSource dataSource;

    private final String channel;

    private final String read;

    private final AtomicLong latest = new AtomicLong(UNKNOWN);

    private final Thread listener;

    private volatile boolean closed;

    private volatile int backendPid;

    /**
     * @param channel the notification channel (an SQL identifier)
     * @param read a query that answers the number
     */
    public NotifiedVersionTracker(DataSource dataSource, String channel, String read) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.read = read;
        this.listener = new Thread(this::listen, "listen-" + channel);
        listener.setDaemon(true);
        listener.start();
    }

    /** The number as last announced or read; empty while not listening. */
    @Override
    public OptionalLong latest() {
        long value = latest.get();
        return value == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * Takes a value this process knows was committed (its own write), so it need not wait
     * for the announcement; ignored while not listening.
     */
    public void advance(long committed) {
        latest.accumulateAndGet(committed, (now, value) -> now == UNKNOWN ? UNKNOWN : Math.max(now, value));
    }

    /**
     * The server process of the listening connection (for an operator, or a test that
     * cuts it).
     */
    public int backendPid() {
        return backendPid;
    }

    private void listen() {
        boolean warned = false;
        while (!closed) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                listenOn(connection);
                if (warned) {
                    log.info("listening again for {} announcements", channel);
                    warned = false;
                }
            }
            catch (SQLException | RuntimeException e) {
                latest.set(UNKNOWN);
                // The failure may have come through the driver's own connection,
                // which the pool did not see: the connection must not go back to it.
                evict(connection);
                connection = null;
                if (!closed && !warned) {
                    log.warn("not listening for {} announcements ({}); readers ask the database until it is back",
                            channel, e.getMessage());
                    warned = true;
                }
                pause();
            }
            finally {
                closeQuietly(connection);
            }
        }
        latest.set(UNKNOWN);
    }

    private void listenOn(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + channel);
            PGConnection pg = connection.unwrap(PGConnection.class);
            backendPid = pg.getBackendPID();
            // Read after LISTEN: a commit between the two is announced as well.
            latest.set(read(statement));
            while (!closed) {
                PGNotification[] notices = pg.getNotifications(RECHECK_MILLIS);
                long announced = UNKNOWN;
                for (PGNotification notice : notices == null ? new PGNotification[0] : notices) {
                    announced = Math.max(announced, parse(notice.getParameter()));
                }
                long value = announced == UNKNOWN ? read(statement) : announced;
                latest.accumulateAndGet(value, Math::max);
            }
            statement.execute("UNLISTEN " + channel);
        }
    }

    private void evict(@Nullable Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        }
        catch (SQLException | RuntimeException e) {
            log.debug("could not evict the {} listener's connection: {}", channel, e.getMessage());
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            }
            catch (SQLException e) {
                log.debug("closing a listener's connection failed: {}", e.getMessage());
            }
        }
    }

    private long read(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery(read)) {
            if (!rows.next()) {
                throw new SQLException(read + " answered no row");
            }
            return rows.getLong(1);
        }
    }

    private static long parse(String payload) {
        try {
            return Long.parseLong(payload);
        }
        catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECHECK_MILLIS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /**
     * Stops listening and gives the connection back (waiting at most for one recheck).
     */
    @Override
    public void close() {
        closed = true;
        latest.set(UNKNOWN);
        try {
            listener.join(2 * RECHECK_MILLIS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
