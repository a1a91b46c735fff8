package io.useringest.changes;

import io.useringest.users.UserRow;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A kept change: its place in the feed ({@code seq}), the user's row after it (none after
 * a delete), its sources, the run that made it (none for users recorded when the feed
 * began) and when.
 */
public record UserChange(long seq, String userId, ChangeKind kind, @Nullable UserRow row, RowSources sources,
        @Nullable Long runId, Instant changedAt) {
}
