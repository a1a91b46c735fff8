package io.useringest.db;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * SQLite's failures as Spring's kinds: the SQLite driver gives no SQL state, only
 * SQLite's result code (its low byte is the primary code), which Spring's own translators
 * do not know.
 */
final class SqliteExceptionTranslator implements SQLExceptionTranslator {

    private static final int ERROR = 1;

    private static final int BUSY = 5;

    private static final int LOCKED = 6;

    private static final int IOERR = 10;

    private static final int CORRUPT = 11;

    private static final int FULL = 13;

    private static final int CANTOPEN = 14;

    private static final int CONSTRAINT = 19;

    private static final int NOTADB = 26;

    private final SQLExceptionTranslator fallback = new SQLExceptionSubclassTranslator();

    @Override
    public DataAccessException translate(String task, @Nullable String sql, SQLException e) {
        String message = task + (sql == null ? "" : "; SQL [" + sql + "]") + "; " + e.getMessage();
        return switch (e.getErrorCode() & 0xff) {
            case ERROR -> new BadSqlGrammarException(task, sql == null ? "" : sql, e);
            case BUSY, LOCKED -> new CannotAcquireLockException(message, e);
            case IOERR, CORRUPT, FULL, CANTOPEN, NOTADB -> new DataAccessResourceFailureException(message, e);
            case CONSTRAINT -> new DataIntegrityViolationException(message, e);
            default -> {
                DataAccessException translated = fallback.translate(task, sql, e);
                yield translated != null ? translated : new UncategorizedSQLException(task, sql, e);
            }
        };
    }

}
