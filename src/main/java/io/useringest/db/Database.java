package io.useringest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JDBC access every repository shares: templates, transactions, streaming cursors and
 * the dialect.
 */
public final class Database {

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    private final DatabaseDialect dialect;

    private final TransactionTemplate transaction;

    private final KeptStatements kept = new KeptStatements();

    public Database(DataSource dataSource, DatabaseDialect dialect) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setExceptionTranslator(dialect.exceptionTranslator(dataSource));
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = dialect;
    }

    /**
     * Runs the work in one transaction (on SQLite a batch outside a transaction syncs to
     * disk once per row).
     */
    public void inTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> work.run());
    }

    public TransactionTemplate transactions() {
        return transaction;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The number a query answers: a count, or an id a RETURNING clause gives back. */
    public long queryForLong(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        if (value == null) {
            throw new IllegalStateException("no number from " + sql);
        }
        return value;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public DatabaseDialect dialect() {
        return dialect;
    }

    /** A date as the birthdate column takes it (see {@link DatabaseDialect#date}). */
    public Object date(LocalDate date) {
        return dialect.date(date);
    }

    /** A date column of a result row (see {@link DatabaseDialect#localDate}). */
    public LocalDate localDate(ResultSet rows, int column) throws SQLException {
        return dialect.localDate(rows, column);
    }

    /**
     * Runs a small query run often (a page of users) with its statement kept prepared on
     * each pool connection ({@link KeptStatements}), handing each row to {@code handler}.
     */
    public void queryKept(String sql, RowCallbackHandler handler, Object... args) {
        // The pool's own connection, not JdbcTemplate's proxy around it: the statements
        // are kept per database connection, which the pool's proxy unwraps to.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PreparedStatement statement = kept.statement(connection, sql);
            try {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        handler.processRow(rows);
                    }
                }
            }
            catch (SQLException | RuntimeException e) {
                kept.discard(connection, sql);
                throw e;
            }
        }
        catch (SQLException e) {
            throw translate("query", sql, e);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** How many pool connections have statements kept (for tests). */
    int connectionsWithKeptStatements() {
        return kept.connections();
    }

    /** How many statements {@link #queryKept} prepared so far (for tests). */
    int keptStatementsPrepared() {
        return kept.prepared();
    }

    /**
     * Runs a query on a connection of its own, outside any running transaction, fetching
     * rows in pages so a result of millions of rows streams in constant memory
     * (PostgreSQL needs auto-commit off for that).
     */
    public void stream(String sql, RowCallbackHandler handler, Object... args) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(1000);
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        handler.processRow(rows);
                    }
                }
            }
            finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
        catch (SQLException e) {
            throw translate("query", sql, e);
        }
    }

    /**
     * Opens a streaming cursor that stays open until closed; see {@link #stream}. When
     * the statement fails, the connection goes back to the pool before the failure is
     * thrown.
     */
    public Cursor open(String sql) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        }
        catch (SQLException e) {
            throw translate("open a connection", sql, e);
        }
        PreparedStatement statement = null;
        try {
            connection.setAutoCommit(false);
            statement = connection.prepareStatement(sql);
            statement.setFetchSize(1000);
            return new Cursor(connection, statement, statement.executeQuery(), jdbc.getExceptionTranslator());
        }
        catch (SQLException | RuntimeException e) {
            try (Connection toRelease = connection; PreparedStatement toClose = statement) {
                toRelease.rollback();
                toRelease.setAutoCommit(true);
            }
            catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof SQLException failure) {
                throw translate("query", sql, failure);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * The failure as Spring's kind of it (a lost connection, a lock timeout, bad SQL…),
     * so callers can tell them apart.
     */
    private DataAccessException translate(String task, String sql, SQLException e) {
        DataAccessException translated = jdbc.getExceptionTranslator().translate(task, sql, e);
        return translated != null ? translated : new UncategorizedSQLException(task, sql, e);
    }

    /** An open result set with its own connection. */
    public record Cursor(Connection connection, PreparedStatement statement, ResultSet rows,
            SQLExceptionTranslator translator) implements AutoCloseable {

        public boolean next() {
            try {
                return rows.next();
            }
            catch (SQLException e) {
                throw translate(e);
            }
        }

        /** A failure reading the cursor's rows, as its kind. */
        public DataAccessException translate(SQLException e) {
            DataAccessException translated = translator.translate("reading rows", null, e);
            return translated != null ? translated : new UncategorizedSQLException("reading rows", null, e);
        }

        @Override
        public void close() {
            try (connection; statement; rows) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            catch (SQLException e) {
                // closing a read-only cursor: nothing was changed, nothing to report
            }
        }
    }

}
