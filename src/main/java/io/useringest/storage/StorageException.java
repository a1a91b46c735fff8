package io.useringest.storage;

/**
 * A storage call failed: the server is unreachable, refused the request, or answered with
 * an error.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

}
