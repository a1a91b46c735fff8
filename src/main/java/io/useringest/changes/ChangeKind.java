package io.useringest.changes;

import java.util.Locale;

/** How a change left the user's row. */
public enum ChangeKind {

    INSERT, UPDATE, DELETE;

    /** As stored and shown: {@code insert}, {@code update}, {@code delete}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeKind of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

}
