package io.useringest.processing;

import io.useringest.publish.PublishedImage;
import io.useringest.users.UserRow;
import java.util.List;

/**
 * What a run does for one user. {@code row} is the row the user should have (null for
 * DELETE and NONE); {@code publish} is an image to publish now; {@code unpublishKey} an
 * output key to delete.
 */
public record UserDecision(String userId, RowChange rowChange, UserRow row, PublishedImage publish,
        String publishContentType, String unpublishKey, List<String> warnings, boolean orphanImage) {

    /** How the user's row changes. NONE: the user has no row and gets none. */
    public enum RowChange {

        INSERT, UPDATE, DELETE, UNCHANGED, NONE

    }
}
