package io.useringest.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.config.Settings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.mock.env.MockEnvironment;

/**
 * Failure paths of the database access: a cursor or stream whose statement fails gives
 * its connection back to the pool, and the failure keeps its kind (bad SQL is not a lost
 * database).
 */
class DatabaseFailuresIT {

    @TempDir
    Path dir;

    @Test
    void aCursorWhoseStatementFailsGivesItsConnectionBackAndSaysWhatFailed() {
        Settings settings = Settings.from(new MockEnvironment().withProperty("data.dir", dir.toString()));
        try (HikariDataSource dataSource = DataSources.create(settings)) {
            DataSources.migrate(dataSource, DatabaseDialect.SQLITE);
            Database db = new Database(dataSource, DatabaseDialect.SQLITE);
            for (int i = 0; i < dataSource.getMaximumPoolSize() + 2; i++) {
                assertThatThrownBy(() -> db.open("SELECT user_id FROM no_such_table"))
                    .isInstanceOf(BadSqlGrammarException.class)
                    .isNotInstanceOf(DataAccessResourceFailureException.class)
                    .hasMessageContaining("no_such_table");
                assertThatThrownBy(() -> db.stream("SELECT user_id FROM no_such_table", rows -> {
                })).isInstanceOf(BadSqlGrammarException.class);
            }
            assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).as("connections still out of the pool")
                .isZero();
            try (Database.Cursor cursor = db.open("SELECT user_id FROM users")) {
                assertThat(cursor.next()).isFalse();
                assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
            }
            assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

}
