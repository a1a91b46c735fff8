package io.useringest.users;

import org.jspecify.annotations.Nullable;

/**
 * A user as stored in the users table (without the generated id and derived birthdate).
 */
public record UserRow(String userId, String firstName, String lastName, long birthts, @Nullable String imgPath) {
}
