package io.useringest.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * DATABASE_URL, read in one place: which database it names (SQLite or PostgreSQL) and,
 * for SQLite, its file.
 */
public record DatabaseUrl(String url) {

    private static final String SQLITE = "jdbc:sqlite:";

    private static final String POSTGRESQL = "jdbc:postgresql:";

    /**
     * The URL of a SQLite file, as the embedded default uses it (WAL, a busy timeout).
     */
    public static DatabaseUrl sqliteAt(Path file) {
        return new DatabaseUrl(SQLITE + file + "?journal_mode=WAL&busy_timeout=5000");
    }

    /** The URL, or a one-line refusal naming DATABASE_URL when it is neither kind. */
    public static DatabaseUrl of(String url) {
        if (!url.startsWith(SQLITE) && !url.startsWith(POSTGRESQL)) {
            throw new InvalidSettingException("DATABASE_URL",
                    "\"" + url + "\" is not supported; use jdbc:sqlite:<file> or jdbc:postgresql://host/db");
        }
        return new DatabaseUrl(url);
    }

    public boolean sqlite() {
        return url.startsWith(SQLITE);
    }

    /** The file of a SQLite URL; empty for PostgreSQL or an in-memory SQLite database. */
    public Optional<Path> sqliteFile() {
        if (!sqlite()) {
            return Optional.empty();
        }
        String file = url.substring(SQLITE.length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.startsWith(":memory:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file).toAbsolutePath().normalize());
    }

}
