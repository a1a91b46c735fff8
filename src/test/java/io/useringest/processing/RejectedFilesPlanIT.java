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
 * Every run reads the files rejected now (its report lists them and counts them): on
 * SQLite that read goes through the partial indexes of the rejected rows, whatever the
 * ledger holds. Without the hint, SQLite's planner walked the ledger's whole primary key
 * for the UNION: 91 ms at a million objects, twice a run, most of a targeted run's time.
 */
class RejectedFilesPlanIT {

    @TempDir
    Path dir;

    @Test
    void theRejectedFilesAreReadThroughTheirPartialIndexesOnSqlite() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.SQLITE.newUrl(dir));
        try (HikariDataSource pool = new HikariDataSource(config)) {
            DataSources.migrate(pool, DatabaseDialect.SQLITE);
            Database db = new Database(pool, DatabaseDialect.SQLITE);
            db.jdbc()
                .update("INSERT INTO source_objects (object_key, etag, size, last_modified, rejection) "
                        + "VALUES ('a/1.csv', 'e1', 10, 0, NULL), ('a/bad.zip', 'e2', 20, 0, 'not a zip archive')");
            List<String> plan = db.jdbc()
                .query("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM " + SourceLedger.rejectedFiles(DatabaseDialect.SQLITE),
                        (rows, n) -> rows.getString("detail"));
            assertThat(String.join("\n", plan)).contains("USING INDEX source_objects_rejected")
                .contains("USING INDEX source_entries_rejected")
                .doesNotContain("sqlite_autoindex_source_objects");
            assertThat(new SourceLedger(db).rejections(10)).extracting(r -> r.key() + ": " + r.reason())
                .containsExactly("a/bad.zip: not a zip archive");
            assertThat(new SourceLedger(db).countRejections()).isEqualTo(1);
        }
    }

}
