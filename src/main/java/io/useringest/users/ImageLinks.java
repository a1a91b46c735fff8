package io.useringest.users;

import java.nio.charset.StandardCharsets;

/**
 * Where readers of the users fetch a user's image: the surface that serves the users
 * decides. Rows are written from the driver's bytes, so the link is built from the user
 * id's UTF-8 bytes.
 */
@FunctionalInterface
public interface ImageLinks {

    byte[] link(byte[] userId);

    default String link(String userId) {
        return new String(link(userId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

}
