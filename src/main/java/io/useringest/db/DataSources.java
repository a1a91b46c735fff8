package io.useringest.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.useringest.config.DatabaseUrl;
import io.useringest.config.InvalidSettingException;
import io.useringest.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * Opens the configured database as a connection pool and brings its schema up to date.
 */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource create(Settings settings) {
        if (settings.sqlite()) {
            createParentFolder(settings.databaseUrl());
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.databaseUrl());
        if (!settings.databaseUser().isEmpty()) {
            config.setUsername(settings.databaseUser());
        }
        if (!settings.databasePassword().isEmpty()) {
            config.setPassword(settings.databasePassword());
        }
        DatabaseDialect dialect = DatabaseDialect.of(settings.databaseUrl());
        config.setMaximumPoolSize(dialect.poolSize(settings.databasePoolSize()));
        config.setDataSourceProperties(dialect.connectionProperties());
        config.setPoolName("user-ingest-db");
        // A request waits at most 2 s for a connection: with the database away it is
        // answered 503 then, not hung;
        // a connection is checked within a second before it is handed out.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        }
        catch (RuntimeException e) {
            throw new InvalidSettingException("DATABASE_URL", "cannot connect to " + settings.databaseUrl() + " ("
                    + rootMessage(e) + "); check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD");
        }
        try {
            migrate(dataSource, dialect);
        }
        catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    public static void migrate(DataSource dataSource, DatabaseDialect dialect) {
        Flyway.configure().dataSource(dataSource).locations(dialect.migrations()).load().migrate();
    }

    /** The file of a SQLite URL; empty for an in-memory database. */
    public static Optional<Path> sqliteFile(String url) {
        return new DatabaseUrl(url).sqliteFile();
    }

    private static void createParentFolder(String url) {
        Optional<Path> file = sqliteFile(url);
        if (file.isEmpty()) {
            return;
        }
        Path parent = file.get().getParent();
        try {
            Files.createDirectories(parent);
        }
        catch (IOException e) {
            throw new InvalidSettingException("DATABASE_URL",
                    "cannot create the folder " + parent + " (" + e.getMessage() + ")");
        }
    }

    private static @Nullable String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

}
