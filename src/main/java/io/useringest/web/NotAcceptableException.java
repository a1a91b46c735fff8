package io.useringest.web;

/** The client accepts no representation the endpoint offers; answered with 406. */
public class NotAcceptableException extends RuntimeException {

    public NotAcceptableException(String message) {
        super(message);
    }

}
