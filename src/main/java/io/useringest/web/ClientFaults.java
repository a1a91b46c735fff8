package io.useringest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Failures that are the request's fault although they surface as exceptions from Tomcat,
 * a filter or the framework before a controller sees the request: each is a 4xx with a
 * detail a client can act on, never a 500.
 */
final class ClientFaults {

    /** A client fault: its status and what to tell the client. */
    record Fault(HttpStatus status, String detail) {
    }

    private ClientFaults() {
    }

    static Optional<Fault> of(Throwable failure, HttpServletRequest request) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidParameterException) {
                return Optional.of(new Fault(HttpStatus.BAD_REQUEST, "the query string or form body cannot be "
                        + "parsed: every parameter needs a name, and names and values must be percent-encoded UTF-8 "
                        + "(%20 for a space, %25 for '%')"));
            }
            if (t instanceof RequestRejectedException) {
                return Optional.of(rejected());
            }
            if (t instanceof InvalidMediaTypeException || t instanceof InvalidMimeTypeException) {
                return Optional.of(badMediaType(request));
            }
            if (t instanceof MultipartException) {
                return Optional.of(new Fault(HttpStatus.BAD_REQUEST, "the multipart body cannot be parsed (it needs "
                        + "a boundary in its Content-Type); no endpoint of this service takes a multipart body"));
            }
            if (t instanceof HttpMessageNotReadableException) {
                return Optional.of(new Fault(HttpStatus.BAD_REQUEST,
                        "the request body cannot be parsed as its Content-Type says"));
            }
        }
        return Optional.empty();
    }

    static Fault rejected() {
        return new Fault(HttpStatus.BAD_REQUEST, "the URL or a parameter name holds characters this service does not "
                + "accept (control characters, an encoded '/', '%', ';' or '..' segments, '//')");
    }

    /**
     * A bad Accept header is a 406 (nothing acceptable can be chosen); a bad Content-Type
     * a 400.
     */
    private static Fault badMediaType(HttpServletRequest request) {
        String accept = request == null ? null : request.getHeader("Accept");
        if (accept != null && !parses(accept)) {
            return new Fault(HttpStatus.NOT_ACCEPTABLE, "the Accept header is not a list of media types (e.g. "
                    + "application/json, text/csv;q=0.5); leave it out to get JSON");
        }
        return new Fault(HttpStatus.BAD_REQUEST, "the Content-Type header is not a media type");
    }

    /**
     * Whether the client hung up (a write failed on a closed connection), however deep
     * the cause is wrapped.
     */
    static boolean clientWentAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (DisconnectedClientHelper.isClientDisconnectedException(t)) {
                return true;
            }
        }
        return false;
    }

    static boolean parses(String accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        }
        catch (InvalidMediaTypeException e) {
            return false;
        }
    }

}
