package io.useringest.changes;

import io.useringest.users.UserRow;
import org.jspecify.annotations.Nullable;

/**
 * A change a run writes: the row after it (none for a delete) and the sources behind it
 * (for a delete, those of the row removed).
 */
public record NewChange(String userId, ChangeKind kind, @Nullable UserRow row, RowSources sources) {

    public NewChange {
        if ((row == null) != (kind == ChangeKind.DELETE)) {
            throw new IllegalArgumentException(
                    "a " + kind.text() + " of " + userId + (row == null ? " without" : " with") + " a row");
        }
    }

}
