package io.useringest.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useringest.config.DatabaseUrl;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Every SQLite/PostgreSQL difference, fragment by fragment. */
class DatabaseDialectTest {

    @Test
    void theDialectFollowsTheJdbcUrl() {
        assertThat(DatabaseDialect.of("jdbc:sqlite:./data/users.db?journal_mode=WAL"))
            .isEqualTo(DatabaseDialect.SQLITE);
        assertThat(DatabaseDialect.of("jdbc:postgresql://db/users")).isEqualTo(DatabaseDialect.POSTGRESQL);
        assertThat(DatabaseDialect.SQLITE.product()).isEqualTo("SQLite");
        assertThat(DatabaseDialect.POSTGRESQL.product()).isEqualTo("PostgreSQL");
    }

    @Test
    void keysSortAsS3SortsThem() {
        assertThat(DatabaseDialect.SQLITE.keyOrder()).isEmpty();
        assertThat(DatabaseDialect.POSTGRESQL.keyOrder()).isEqualTo(" COLLATE \"C\"");
    }

    @Test
    void sqliteWalksTheUserIdIndexForPagedQueries() {
        assertThat(DatabaseDialect.SQLITE.birthdateInUserIdOrder()).isEqualTo("+birthdate");
        assertThat(DatabaseDialect.POSTGRESQL.birthdateInUserIdOrder()).isEqualTo("birthdate");
    }

    @Test
    void largeSumsNeverFail() {
        assertThat(DatabaseDialect.SQLITE.sumOfLarge("birthts_sum")).isEqualTo("TOTAL(birthts_sum)");
        assertThat(DatabaseDialect.POSTGRESQL.sumOfLarge("birthts_sum")).isEqualTo("SUM(birthts_sum)");
    }

    @Test
    void datesAreTextOnSqliteAndDatesOnPostgresql() {
        LocalDate date = LocalDate.of(1989, 5, 27);
        assertThat(DatabaseDialect.SQLITE.date(date)).isEqualTo("1989-05-27");
        assertThat(DatabaseDialect.POSTGRESQL.date(date)).isEqualTo(date);
    }

    @Test
    void onlyPostgresqlTakesWritesBesideARunningRun() {
        assertThat(DatabaseDialect.POSTGRESQL.writesBesideARun()).isTrue();
        assertThat(DatabaseDialect.SQLITE.writesBesideARun()).isFalse();
    }

    @Test
    void migrationsAndPoolsPerDatabase() {
        assertThat(DatabaseDialect.SQLITE.migrations()).isEqualTo("classpath:db/migration/sqlite");
        assertThat(DatabaseDialect.POSTGRESQL.migrations()).isEqualTo("classpath:db/migration/postgresql");
        assertThat(DatabaseDialect.SQLITE.poolSize(2))
            .as("a run holds the writer; others need their own; one for the users' version's kept read")
            .isEqualTo(9);
        assertThat(DatabaseDialect.POSTGRESQL.poolSize(2)).as("one more for the users' version listener").isEqualTo(3);
    }

    @Test
    void sqliteDatesReadByHandAgreeWithLocalDateParseDayByDay() {
        for (LocalDate date = LocalDate.of(1800, 1, 1); date.getYear() < 2101; date = date.plusDays(1)) {
            assertThat(DatabaseDialect.isoDate(date.toString())).isEqualTo(date);
        }
        assertThat(DatabaseDialect.isoDate("+10000-01-01")).isEqualTo(LocalDate.of(10_000, 1, 1));
        for (String invalid : new String[] { "2023-02-29", "2023-13-01", "2023-1-011", "20x3-01-01", "" }) {
            assertThatThrownBy(() -> DatabaseDialect.isoDate(invalid)).as(invalid)
                .isInstanceOf(DateTimeException.class);
        }
    }

    /**
     * The dialect chooses how processes sharing the database hold a lock: SQLite a file
     * beside the database file (one host), named per lock.
     */
    @Test
    void sqliteLocksAreFilesBesideTheDatabase() {
        DatabaseUrl url = new DatabaseUrl("jdbc:sqlite:/srv/ingest/users.db?journal_mode=WAL");
        assertThat(url.sqliteFile()).hasValue(Path.of("/srv/ingest/users.db"));
        assertThat(DatabaseDialect.SQLITE.lock(LockName.RUN, null, url, Path.of("/tmp"), Duration.ofSeconds(30)))
            .isInstanceOfSatisfying(FileRunLock.class,
                    lock -> assertThat(lock.file()).isEqualTo(Path.of("/srv/ingest/users.db.run-lock")));
        assertThat(DatabaseDialect.SQLITE.lock(LockName.OUTPUT_CSV, null, new DatabaseUrl("jdbc:sqlite::memory:"),
                Path.of("/tmp/data"), Duration.ofSeconds(30)))
            .isInstanceOfSatisfying(FileRunLock.class,
                    lock -> assertThat(lock.file()).isEqualTo(Path.of("/tmp/data/in-memory.output-csv-lock")));
        assertThat(new DatabaseUrl("jdbc:postgresql://db/users").sqliteFile()).isEmpty();
    }

}
