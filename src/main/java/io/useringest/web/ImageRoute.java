package io.useringest.web;

import io.useringest.users.ImageLinks;
import java.nio.charset.StandardCharsets;

/**
 * {@code /users/{user_id}/image}, where {@link UsersController} serves a user's image.
 */
final class ImageRoute implements ImageLinks {

    static final ImageRoute INSTANCE = new ImageRoute();

    private static final byte[] START = "/users/".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] END = "/image".getBytes(StandardCharsets.US_ASCII);

    private ImageRoute() {
    }

    @Override
    public byte[] link(byte[] userId) {
        byte[] url = new byte[START.length + userId.length + END.length];
        System.arraycopy(START, 0, url, 0, START.length);
        System.arraycopy(userId, 0, url, START.length, userId.length);
        System.arraycopy(END, 0, url, START.length + userId.length, END.length);
        return url;
    }

}
