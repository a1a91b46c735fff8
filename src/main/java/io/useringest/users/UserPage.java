package io.useringest.users;

import java.util.List;

/**
 * A page of users in user_id order, and whether there are users before and after it (for
 * the console's first / previous / next links, by cursor rather than offset, so a page
 * costs the same at a million users as at a hundred).
 */
public record UserPage(List<UserView> users, boolean hasBefore, boolean hasAfter) {

    /**
     * Where a page starts: the first users, those after one user id, or those before one.
     */
    public sealed interface Position permits First, After, Before {

    }

    public record First() implements Position {
    }

    public record After(String userId) implements Position {
    }

    public record Before(String userId) implements Position {
    }

}
