package io.useringest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
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

    public Database(DataSource dataSource, DatabaseDialect dialect) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
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
            throw new DataAccessResourceFailureException("query failed: " + sql, e);
        }
    }

    /** Opens a streaming cursor that stays open until closed; see {@link #stream}. */
    public Cursor open(String sql) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(1000);
            return new Cursor(connection, statement, statement.executeQuery());
        }
        catch (SQLException e) {
            throw new DataAccessResourceFailureException("query failed: " + sql, e);
        }
    }

    /** An open result set with its own connection. */
    public record Cursor(Connection connection, PreparedStatement statement, ResultSet rows) implements AutoCloseable {

        public boolean next() {
            try {
                return rows.next();
            }
            catch (SQLException e) {
                throw new DataAccessResourceFailureException("reading rows failed", e);
            }
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
