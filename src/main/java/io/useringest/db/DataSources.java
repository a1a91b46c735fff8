package io.useringest.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.useringest.config.InvalidSettingException;
import io.useringest.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** Opens the configured database as a connection pool and brings its schema up to date. */
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
        config.setMaximumPoolSize(settings.sqlite() ? Math.max(8, settings.databasePoolSize()) : settings.databasePoolSize());
        config.setPoolName("user-ingest-db");
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new InvalidSettingException("DATABASE_URL", "cannot connect to " + settings.databaseUrl() + " ("
                    + rootMessage(e) + "); check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD");
        }
        try {
            migrate(dataSource, settings.sqlite());
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    public static void migrate(javax.sql.DataSource dataSource, boolean sqlite) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + (sqlite ? "sqlite" : "postgresql"))
                .load()
                .migrate();
    }

    /** The file of a SQLite URL; empty for an in-memory database. */
    public static java.util.Optional<Path> sqliteFile(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.startsWith(":memory:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(file).toAbsolutePath().normalize());
    }

    private static void createParentFolder(String url) {
        java.util.Optional<Path> file = sqliteFile(url);
        if (file.isEmpty()) {
            return;
        }
        Path parent = file.get().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new InvalidSettingException("DATABASE_URL", "cannot create the folder " + parent + " (" + e.getMessage() + ")");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
