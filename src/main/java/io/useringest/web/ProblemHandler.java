package io.useringest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error into an RFC 9457 problem: 400s that name the parameter, and never a
 * stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(BadParameterException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request parameter");
        problem.setProperty("parameter", e.parameter());
        return Problems.response(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(ChangesGoneException.class)
    ResponseEntity<ProblemDetail> changesGone(ChangesGoneException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.GONE, e.getMessage());
        problem.setTitle("Changes no longer kept");
        problem.setProperty("oldest_seq", e.resumeAfter() + 1);
        problem.setProperty("resume_after", e.resumeAfter());
        return Problems.response(problem);
    }

    @ExceptionHandler(NotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(NotAcceptableException e) {
        return Problems.response(Problems.problem(HttpStatus.NOT_ACCEPTABLE, e.getMessage()));
    }

    /**
     * No connection within the pool's timeout, or one lost: 503 at once, so a client and
     * a load balancer can tell down from slow. The pool's timeout with nothing behind it
     * (Hikari names the last connection failure as the cause when there was one) is a
     * busy database, every connection in use, not an unreachable one.
     */
    @ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
    ResponseEntity<ProblemDetail> databaseAway(DataAccessException e, HttpServletRequest request) {
        boolean busy = e.getMostSpecificCause() instanceof SQLTransientConnectionException;
        log.warn("{} {}: {}: {}", request.getMethod(), request.getRequestURI(),
                busy ? "the database is busy" : "the database cannot be reached",
                e.getMostSpecificCause().getMessage());
        ResponseEntity<ProblemDetail> response = Problems.response(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE,
                busy ? "the database is busy: every connection is in use; retry in a few seconds"
                        : "the database cannot be reached now; retry in a few seconds"));
        return ResponseEntity.status(response.getStatusCode())
            .headers(response.getHeaders())
            .header(HttpHeaders.RETRY_AFTER, "5")
            .body(response.getBody());
    }

    /**
     * What no handler above knows: a request's own fault raised by Tomcat or the
     * framework is its 4xx; a client that hung up is not our error (nothing can be sent
     * to it); anything else is a 500 logged with its trace.
     */
    @ExceptionHandler(Exception.class)
    @Nullable ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (ClientFaults.clientWentAway(e)) {
            log.debug("client went away during {}: {}", request.getRequestURI(), e.toString());
            return null;
        }
        var fault = ClientFaults.of(e, request);
        if (fault.isPresent()) {
            return Problems.response(Problems.problem(fault.get().status(), fault.get().detail()));
        }
        log.error("request failed", e);
        return Problems.response(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request failed inside the service; see its log"));
    }

    /** A path that names nothing: says so, and where to find what there is. */
    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI()
                : "/" + ex.getResourcePath();
        return handleExceptionInternal(ex,
                Problems.problem(HttpStatus.NOT_FOUND,
                        "nothing at " + path + "; GET / lists what this service serves (the data page, /stats, /runs, "
                                + "/users/{user_id}, the console, the API docs)"),
                headers, status, request);
    }

    /**
     * Every problem the framework builds carries its type too, as this service's own do.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response == null) {
            return null;
        }
        if (response.getBody() instanceof ProblemDetail problem) {
            problem.setType(URI.create("about:blank"));
        }
        HttpHeaders withType = new HttpHeaders();
        withType.putAll(response.getHeaders());
        withType.setContentType(Problems.PROBLEM_JSON);
        return new ResponseEntity<>(response.getBody(), withType, response.getStatusCode());
    }

}
