package io.useringest.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.support.TestDatabase;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A query kept prepared on a connection of its own answers what the database holds now,
 * also after another connection's commit, and comes back after its connection is cut.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class PreparedVersionTrackerIT {

    private static final String READ = "SELECT version FROM users_version WHERE id = 1";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private HikariDataSource pool;

    private Database db;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** A pool of its own, so no one else's connections are counted. */
    private void open() {
        pool = database.newPool(dir, 4);
        db = new Database(pool, database.dialect());
    }

    private long fromPool() {
        return db.jdbc().queryForObject(READ, Long.class);
    }

    private int activeConnections() {
        return pool.getHikariPoolMXBean().getActiveConnections();
    }

    @Test
    void followsCommitsAndComesBackAfterItsConnectionIsCut() throws Exception {
        open();
        int activeBefore = activeConnections();
        try (PreparedVersionTracker kept = new PreparedVersionTracker(pool, READ)) {
            assertThat(kept.readLong()).isEqualTo(OptionalLong.of(fromPool()));
            assertThat(activeConnections()).as("it holds a connection of its own").isEqualTo(activeBefore + 1);

            db.jdbc().update("UPDATE users_version SET version = version + 5 WHERE id = 1");
            assertThat(kept.readLong()).as("another connection's commit").isEqualTo(OptionalLong.of(fromPool()));

            kept.connection().close();
            assertThat(kept.readLong()).as("a cut connection: the caller asks the pool").isEmpty();
            db.jdbc().update("UPDATE users_version SET version = version + 1 WHERE id = 1");
            assertThat(kept.readLong()).as("back on a new connection").isEqualTo(OptionalLong.of(fromPool()));
        }
        assertThat(activeConnections()).as("closing gives its connection back").isEqualTo(activeBefore);
    }

}
