package io.useringest.web;

/**
 * A request parameter that is malformed, out of range, repeated or unknown; answered with
 * 400.
 */
public class BadParameterException extends RuntimeException {

    private final String parameter;

    public BadParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

}
