package io.useringest.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.support.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.BadSqlGrammarException;

/**
 * A query whose statement is kept prepared on each pool connection answers what the
 * database holds now, from every connection, holds no transaction open after it, comes
 * back after it failed, and outlives the connections the pool closes.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class KeptStatementsIT {

    private static final String PAGE = "SELECT user_id FROM users WHERE user_id > ? ORDER BY user_id LIMIT ?";

    private static final int POOL = 4;

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private HikariDataSource pool;

    private Database db;

    @BeforeEach
    void open() {
        pool = database.newPool(dir, POOL);
        db = new Database(pool, database.dialect());
        for (int i = 0; i < 20; i++) {
            insert("u" + (100 + i));
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private void insert(String userId) {
        db.jdbc()
            .update("INSERT INTO users (user_id, first_name, last_name, birthts, birthdate) VALUES (?, 'F', 'L', 0, ?)",
                    userId, db.date(LocalDate.of(1970, 1, 1)));
    }

    private List<String> page(String after, int limit) {
        List<String> ids = new ArrayList<>();
        db.queryKept(PAGE, rows -> {
            ids.add(rows.getString(1));
        }, after, limit);
        return ids;
    }

    @Test
    void answersWhatTheDatabaseHoldsNowFromEveryConnection() throws Exception {
        assertThat(page("u105", 3)).containsExactly("u106", "u107", "u108");
        insert("u1055");
        assertThat(page("u105", 3)).as("a commit since the statement was prepared")
            .containsExactly("u1055", "u106", "u107");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> pages = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int after = 100 + i % 19;
                pages.add(threads.submit(() -> page("u" + after, 1)));
            }
            for (int i = 0; i < pages.size(); i++) {
                assertThat(pages.get(i).get()).containsExactly(i % 19 == 5 ? "u1055" : "u" + (101 + i % 19));
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(db.connectionsWithKeptStatements()).as("one entry per pool connection").isBetween(1, POOL);
        assertThat(db.keptStatementsPrepared()).as("prepared once per connection, not per query").isBetween(1, POOL);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections back in the pool").isZero();
    }

    @Test
    void leavesNoTransactionOpen() {
        assertThat(page("", 5)).hasSize(5);
        if (database == TestDatabase.SQLITE) {
            // A reader left inside a transaction would keep the checkpoint from
            // finishing.
            insert("u200");
            db.jdbc().query("PRAGMA wal_checkpoint(TRUNCATE)", rows -> {
                assertThat(rows.getInt(1)).as("checkpoint busy").isZero();
            });
        }
        else {
            assertThat(db.queryForLong("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND state LIKE 'idle in transaction%'"))
                .isZero();
        }
    }

    @Test
    void comesBackAfterItsStatementFailed() {
        assertThat(page("u118", 5)).containsExactly("u119");
        db.jdbc().execute("ALTER TABLE users RENAME TO users_away");
        for (int i = 0; i < POOL + 1; i++) {
            assertThatThrownBy(() -> page("u118", 5)).isInstanceOf(BadSqlGrammarException.class);
        }
        db.jdbc().execute("ALTER TABLE users_away RENAME TO users");
        for (int i = 0; i < POOL + 1; i++) {
            assertThat(page("u118", 5)).containsExactly("u119");
        }
    }

    @Test
    void outlivesTheConnectionsThePoolCloses() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(POOL);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<List<String>>> pages = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    pages.add(threads.submit(() -> page("u110", 2)));
                }
                for (Future<List<String>> page : pages) {
                    assertThat(page.get()).containsExactly("u111", "u112");
                }
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(page("u110", 2)).containsExactly("u111", "u112");
        assertThat(db.connectionsWithKeptStatements()).as("closed connections are forgotten")
            .isLessThanOrEqualTo(POOL + POOL);
    }

}
