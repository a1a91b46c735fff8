package io.useringest.storage;

import org.jspecify.annotations.Nullable;

/**
 * A storage call failed: the server is unreachable, refused the request, or answered with
 * an error.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

}
