package io.useringest.publish;

/**
 * Publishing failed after the run's database changes were committed; the publish queue
 * keeps what is owed.
 */
public class PublishingFailedException extends RuntimeException {

    public PublishingFailedException(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }

}
