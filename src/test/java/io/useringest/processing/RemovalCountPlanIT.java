package io.useringest.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.useringest.db.DataSources;
import io.useringest.db.Database;
import io.useringest.db.DatabaseDialect;
import io.useringest.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run counts the users it would remove: the users it touched that have a row but no
 * CSV left. On PostgreSQL that count looks each touched user up in the ledger's index of
 * user ids, so a run that touched one user reads one index entry, not the ledger. The
 * ledger's user ids compare with the users' in the same collation ("C"); with the
 * database's default collation on one side the index could not serve the comparison, and
 * the count hashed the whole ledger: about 230 ms a run at a million users.
 */
class RemovalCountPlanIT {

    private static final int USERS = 50_000;

    @TempDir
    Path dir;

    @Test
    void aRunThatTouchedOneUserCountsItsRemovalsThroughTheLedgersIndexOnPostgresql() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.POSTGRESQL.newUrl(dir));
        config.setUsername(TestDatabase.POSTGRESQL.user());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            DataSources.migrate(pool, DatabaseDialect.POSTGRESQL);
            Database db = new Database(pool, DatabaseDialect.POSTGRESQL);
            db.jdbc()
                .update("INSERT INTO users (user_id, first_name, last_name, birthts, birthdate) "
                        + "SELECT 'u' || g, 'Ada', 'Lovelace', 0, DATE '1970-01-01' FROM generate_series(1, ?) g",
                        USERS);
            db.jdbc()
                .update("INSERT INTO source_entries (object_key, entry_name, user_id, kind, last_modified, read_run) "
                        + "SELECT 'users/u' || g || '.csv', '', 'u' || g, 'CSV', 0, 1 FROM generate_series(2, ?) g",
                        USERS);
            db.jdbc().execute("ANALYZE users");
            db.jdbc().execute("ANALYZE source_entries");
            db.jdbc().update("INSERT INTO run_affected (user_id) VALUES ('u1'), ('u2')");
            db.jdbc().execute("ANALYZE run_affected");

            List<String> plan = db.jdbc().queryForList("EXPLAIN " + SourceLedger.REMOVALS_COUNT, String.class);
            assertThat(String.join("\n", plan)).as("the plan of the removals' count")
                .contains("source_entries_user")
                .doesNotContain("Seq Scan on source_entries");
            assertThat(new SourceLedger(db).countRemovals()).as("u1 has a row and no CSV; u2 has its CSV").isEqualTo(1);
        }
    }

}
