package io.useringest.processing;

import io.useringest.changes.ChangeKind;
import io.useringest.changes.NewChange;
import io.useringest.changes.RowSources;
import io.useringest.publish.PublishedImage;
import io.useringest.users.UserRow;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a run does for one user. {@code row} is the row the user should have (null for
 * DELETE and NONE); {@code publish} is an image to publish now; {@code unpublishKey} an
 * output key to delete; {@code sources} the files the row comes from (for DELETE, those
 * of the row removed).
 */
public record UserDecision(String userId, RowChange rowChange, @Nullable UserRow row, @Nullable PublishedImage publish,
        @Nullable String publishContentType, @Nullable String unpublishKey, List<String> warnings, boolean orphanImage,
        RowSources sources) {

    /**
     * A row exactly when the user has one afterwards; an image to publish with its
     * content type.
     */
    public UserDecision {
        boolean rowless = rowChange == RowChange.DELETE || rowChange == RowChange.NONE;
        if ((row == null) != rowless || (publish == null) != (publishContentType == null)) {
            throw new IllegalArgumentException("inconsistent decision for " + userId + ": " + rowChange
                    + (row == null ? " without" : " with") + " a row");
        }
    }

    /** The user has no row and gets none (an image without a CSV is an orphan). */
    public static UserDecision none(String userId, List<String> warnings, boolean orphanImage) {
        return new UserDecision(userId, RowChange.NONE, null, null, null, null, warnings, orphanImage,
                RowSources.UNRECORDED);
    }

    /** The user's CSV is gone: the row goes, and the published image with it. */
    public static UserDecision delete(String userId, @Nullable String unpublishKey, List<String> warnings,
            RowSources removed) {
        return new UserDecision(userId, RowChange.DELETE, null, null, null, unpublishKey, warnings, false, removed);
    }

    /**
     * The user keeps what it has (a CSV that turned invalid): its row if any, unchanged.
     */
    public static UserDecision keep(String userId, @Nullable UserRow current, List<String> warnings,
            RowSources sources) {
        return current == null ? none(userId, warnings, false)
                : new UserDecision(userId, RowChange.UNCHANGED, current, null, null, null, warnings, false, sources);
    }

    /** The row the user should have, with the image changes that come with it. */
    public static UserDecision write(String userId, RowChange change, UserRow row, @Nullable PublishedImage publish,
            @Nullable String contentType, @Nullable String unpublishKey, List<String> warnings, RowSources sources) {
        return new UserDecision(userId, change, row, publish, contentType, unpublishKey, warnings, false, sources);
    }

    /**
     * The change the feed records (none if the row stays as it is, or the guard holds a
     * removal).
     */
    public @Nullable NewChange change() {
        return switch (rowChange) {
            case INSERT -> new NewChange(userId, ChangeKind.INSERT, row, sources);
            case UPDATE -> new NewChange(userId, ChangeKind.UPDATE, row, sources);
            case DELETE -> new NewChange(userId, ChangeKind.DELETE, null, sources);
            default -> null;
        };
    }

    /** How the user's row changes. NONE: the user has no row and gets none. */
    public enum RowChange {

        INSERT, UPDATE, DELETE, UNCHANGED, NONE

    }
}
