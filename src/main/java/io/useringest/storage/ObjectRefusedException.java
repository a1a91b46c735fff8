package io.useringest.storage;

/**
 * The store answered a request about one object with a client error (4xx other than "not
 * found" and other than refused credentials): the object's name or state, not the store,
 * is at fault, so other objects can still be read.
 */
public class ObjectRefusedException extends StorageException {

    public ObjectRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

}
