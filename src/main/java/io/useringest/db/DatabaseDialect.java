package io.useringest.db;

import io.useringest.config.DatabaseUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteOpenMode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every difference between SQLite and PostgreSQL the service's SQL meets, in one place:
 * repositories and queries write one statement and ask the dialect for the fragments that
 * differ.
 */
public enum DatabaseDialect {

    SQLITE("SQLite", "sqlite", 8, "", "+birthdate", "TOTAL", false) {
        @Override
        public VersionTracker trackVersion(DataSource dataSource, String channel, String read) {
            // A round trip is cheap in-process: the read kept prepared on a connection of
            // its own.
            return new PreparedVersionTracker(dataSource, read);
        }

        @Override
        public RunLock lock(LockName name, DataSource dataSource, DatabaseUrl url, Path dataDir, Duration lease) {
            // One host: an OS lock beside the database file, released by the system even
            // on kill -9.
            return new FileRunLock(url.sqliteFile()
                .map(db -> db.resolveSibling(db.getFileName() + "." + name.fileSuffix()))
                .orElse(dataDir.resolve("in-memory." + name.fileSuffix())));
        }

        @Override
        public SQLExceptionTranslator exceptionTranslator(DataSource dataSource) {
            return new SqliteExceptionTranslator();
        }

        @Override
        public Properties connectionProperties() {
            // The driver already serialises every call on a connection, and the pool
            // hands a connection to one thread at a time: SQLite's own mutex around
            // each call (a lock and an unlock per column read) was a tenth of a page
            // of GET /data in a profile. The driver's default flags plus NOMUTEX.
            Properties properties = new Properties();
            properties.setProperty("open_mode", Integer
                .toString(SQLiteOpenMode.READWRITE.flag | SQLiteOpenMode.CREATE.flag | SQLiteOpenMode.NOMUTEX.flag));
            return properties;
        }

        @Override
        public Object date(LocalDate date) {
            return date.toString();
        }

        @Override
        public String isoText(String dateColumn) {
            return dateColumn;
        }

        @Override
        public LocalDate localDate(ResultSet rows, int column) throws SQLException {
            return isoDate(rows.getString(column));
        }

        @Override
        public String isAnyOf(String column) {
            return column + " IN (SELECT value FROM json_each(?))";
        }

        @Override
        public Object textList(List<String> values) {
            return JSON.writeValueAsString(values);
        }

        @Override
        public String indexedBy(String index) {
            return " INDEXED BY " + index;
        }
    },

    POSTGRESQL("PostgreSQL", "postgresql", 1, " COLLATE \"C\"", "birthdate", "SUM", true) {
        @Override
        public Object date(LocalDate date) {
            return date;
        }

        @Override
        public LocalDate localDate(ResultSet rows, int column) throws SQLException {
            return rows.getObject(column, LocalDate.class);
        }

        @Override
        public String isoText(String dateColumn) {
            return "to_char(" + dateColumn + ", 'YYYY-MM-DD')";
        }

        @Override
        public String isAnyOf(String column) {
            return column + " = ANY(?)";
        }

        @Override
        public String emptyTable(String table) {
            return "TRUNCATE " + table;
        }

        @Override
        public Object textList(List<String> values) {
            return new AbstractSqlTypeValue() {
                @Override
                protected Object createTypeValue(Connection connection, int sqlType, @Nullable String typeName)
                        throws SQLException {
                    return connection.createArrayOf("text", values.toArray());
                }
            };
        }
    };

    private static final JsonMapper JSON = JsonMapper.shared();

    private final String product;

    private final String migrationFolder;

    private final int minimumPool;

    private final String keyOrder;

    private final String birthdateInUserIdOrder;

    private final String exactSum;

    private final boolean writesBesideARun;

    DatabaseDialect(String product, String migrationFolder, int minimumPool, String keyOrder,
            String birthdateInUserIdOrder, String exactSum, boolean writesBesideARun) {
        this.product = product;
        this.migrationFolder = migrationFolder;
        this.minimumPool = minimumPool;
        this.keyOrder = keyOrder;
        this.birthdateInUserIdOrder = birthdateInUserIdOrder;
        this.exactSum = exactSum;
        this.writesBesideARun = writesBesideARun;
    }

    /**
     * Whether another connection can write while a run's transaction is open: PostgreSQL
     * yes (so a run shares its progress through the runs table with every instance);
     * SQLite has one writer, and the run holds it.
     */
    public boolean writesBesideARun() {
        return writesBesideARun;
    }

    /** The dialect of a JDBC URL ({@code jdbc:sqlite:} or {@code jdbc:postgresql:}). */
    /**
     * Follows a number the database keeps (read by {@code read}) for a process:
     * PostgreSQL tells every commit on {@code channel} (LISTEN/NOTIFY), as a round trip
     * there costs more than the answers derived from the number.
     */
    public VersionTracker trackVersion(DataSource dataSource, String channel, String read) {
        return new NotifiedVersionTracker(dataSource, channel, read);
    }

    /**
     * The lock {@code name} as this database holds it for every process sharing it:
     * PostgreSQL a lease in the shared database (ShedLock, extended while held; a dead
     * holder's lapses after {@code lease}).
     */
    public RunLock lock(LockName name, DataSource dataSource, DatabaseUrl url, Path dataDir, Duration lease) {
        return new DatabaseRunLock(dataSource, name.row(), lease);
    }

    /**
     * How this database's failures become Spring's kinds (a lost connection, a lock
     * timeout, bad SQL), so callers can tell them apart.
     */
    public SQLExceptionTranslator exceptionTranslator(DataSource dataSource) {
        return new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    /** Driver properties every connection of the pool is opened with. */
    public Properties connectionProperties() {
        return new Properties();
    }

    public static DatabaseDialect of(String jdbcUrl) {
        return new DatabaseUrl(jdbcUrl).sqlite() ? SQLITE : POSTGRESQL;
    }

    /** The name the database gives itself (health, logs). */
    public String product() {
        return product;
    }

    /** Flyway's location of this database's migrations. */
    public String migrations() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /**
     * The pool size to use for a wish: SQLite needs at least 8, because a run holds the
     * writer while queries, progress and the run lock's checks each take a connection of
     * their own; and one more than that, held by the service's users' version (its
     * listener on PostgreSQL, its kept read on SQLite).
     */
    public int poolSize(int wanted) {
        return Math.max(minimumPool, wanted) + 1;
    }

    /**
     * Appended to {@code ORDER BY} a key column so keys sort as S3 sorts them (by UTF-8
     * bytes): SQLite's default binary collation already does; PostgreSQL needs
     * {@code COLLATE "C"}.
     */
    public String keyOrder() {
        return keyOrder;
    }

    /**
     * The birthdate column as written in a filter of a query read in user_id order with a
     * small limit: on SQLite {@code +birthdate}, so the planner walks the user_id index
     * and stops at the limit instead of sorting every match of the birthdate index (145
     * ms instead of 0.1 ms at 100,000 users; docs/benchmarks.md); PostgreSQL plans from
     * its statistics.
     */
    public String birthdateInUserIdOrder() {
        return birthdateInUserIdOrder;
    }

    /**
     * An aggregate that sums large integers without failing: SQLite's SUM fails on
     * overflow where TOTAL sums in floating point; PostgreSQL's SUM of BIGINT is an exact
     * NUMERIC.
     */
    public String sumOfLarge(String column) {
        return exactSum + "(" + column + ")";
    }

    /**
     * A date as the birthdate column takes it: ISO text on SQLite, DATE on PostgreSQL.
     */
    public abstract Object date(LocalDate date);

    /** A date column of a result row, read back from {@link #date}'s form. */
    public abstract LocalDate localDate(ResultSet rows, int column) throws SQLException;

    /**
     * A date column as {@code yyyy-MM-dd} text, for a result read as bytes: SQLite's
     * column already is; PostgreSQL's DATE is formatted (whatever the session's
     * DateStyle).
     */
    public abstract String isoText(String dateColumn);

    /**
     * A condition that {@code column} is one of a list given as one parameter
     * ({@link #textList}): PostgreSQL's {@code = ANY(array)}, SQLite's {@code IN} over
     * {@code json_each}. Either looks each value up in the column's index, where a join
     * with a range of a scratch table let PostgreSQL's planner hash-join a scan of the
     * whole table, once per chunk of a run (docs/benchmarks.md, the PostgreSQL scale
     * run).
     */
    public abstract String isAnyOf(String column);

    /** The parameter of {@link #isAnyOf}: the values as the database takes a list. */
    public abstract Object textList(List<String> values);

    /**
     * After a table's name in FROM: read it through this (partial) index. SQLite's
     * planner, without statistics, reads the few rejected rows of the ledger by walking
     * its whole primary key in order for a UNION (91 ms at a million objects, twice in
     * every run) instead of through the partial index of the rejected rows (under 0.1
     * ms); PostgreSQL's planner needs no hint.
     */
    public String indexedBy(String index) {
        return "";
    }

    /**
     * Empties a scratch table in the caller's transaction: PostgreSQL's {@code TRUNCATE}
     * leaves no dead rows behind for the next run's plans and scans to wade through.
     */
    public String emptyTable(String table) {
        return "DELETE FROM " + table;
    }

    /**
     * A {@code yyyy-MM-dd} date as the SQLite column holds it (and {@link #isoText} gives
     * it on either database), read by hand: LocalDate.parse cost 14% of a page of GET
     * /data in a profile (its formatter resolves fields through maps); anything else
     * still goes through it, with its errors.
     */
    public static LocalDate isoDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /** The number written by the ASCII digits in [from, to), or -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

}
