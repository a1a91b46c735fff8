package io.useringest.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.config.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/**
 * The pool's SQLite connections: opened without SQLite's own per-call mutex (the driver
 * serialises the calls on a connection, and the pool lends it to one thread at a time),
 * with the URL's settings still applied, and still right when many threads read and write
 * through the pool at once.
 */
class SqlitePoolIT {

    @TempDir
    Path dir;

    @Test
    void connectionsOpenWithoutSqlitesMutexAndKeepTheUrlsSettings() throws Exception {
        Settings settings = Settings.from(new MockEnvironment().withProperty("data.dir", dir.toString()));
        try (HikariDataSource pool = DataSources.create(settings); Connection connection = pool.getConnection()) {
            int flags = connection.unwrap(SQLiteConnection.class).getDatabase().getConfig().getOpenModeFlags();
            assertThat(flags & SQLiteOpenMode.NOMUTEX.flag).as("NOMUTEX").isNotZero();
            assertThat(flags & SQLiteOpenMode.READWRITE.flag).as("READWRITE").isNotZero();
            assertThat(flags & SQLiteOpenMode.CREATE.flag).as("CREATE").isNotZero();
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void manyThreadsReadingAndWritingThroughThePoolSeeEveryRow() throws Exception {
        Settings settings = Settings.from(new MockEnvironment().withProperty("data.dir", dir.toString()));
        int threads = 8;
        int rowsPerThread = 200;
        try (HikariDataSource pool = DataSources.create(settings)) {
            Database db = new Database(pool, DatabaseDialect.SQLITE);
            db.jdbc().execute("CREATE TABLE counted (thread INTEGER NOT NULL, n INTEGER NOT NULL)");
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Long>> sums = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    sums.add(executor.submit(() -> {
                        long seen = 0;
                        for (int n = 1; n <= rowsPerThread; n++) {
                            db.jdbc().update("INSERT INTO counted (thread, n) VALUES (?, ?)", thread, n);
                            seen = db.queryForLong("SELECT SUM(n) FROM counted WHERE thread = ?", thread);
                        }
                        return seen;
                    }));
                }
                for (Future<Long> sum : sums) {
                    assertThat(sum.get()).isEqualTo(rowsPerThread * (rowsPerThread + 1L) / 2);
                }
            }
            finally {
                executor.shutdownNow();
            }
            assertThat(db.queryForLong("SELECT COUNT(*) FROM counted")).isEqualTo((long) threads * rowsPerThread);
        }
    }

}
