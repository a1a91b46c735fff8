package io.useringest.db;

import java.util.List;
import java.util.Optional;

/**
 * Small named values the service keeps between runs (such as whether output.csv is owed a
 * rewrite).
 */
public class NamedValues {

    private final Database db;

    public NamedValues(Database db) {
        this.db = db;
    }

    public Optional<String> get(String name) {
        List<String> values = db.jdbc()
            .queryForList("SELECT value FROM service_state WHERE name = ?", String.class, name);
        return values.stream().findFirst();
    }

    public void put(String name, String value) {
        db.jdbc()
            .update("INSERT INTO service_state (name, value) VALUES (?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value);
    }

    /** Sets the value only if it still is {@code expected}; returns whether it did. */
    public boolean replace(String name, String expected, String value) {
        return db.jdbc()
            .update("UPDATE service_state SET value = ? WHERE name = ? AND value = ?", value, name, expected) == 1;
    }

}
