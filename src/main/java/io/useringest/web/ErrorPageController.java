package io.useringest.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page that Tomcat and the filters forward to (in place of Spring Boot's, which
 * answers JSON that is not a problem and a 999 status when called directly): every answer
 * is problem+json, a request's own fault is a 4xx, and the path itself is not an
 * endpoint.
 */
@RestController
@Hidden
class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = path == null ? null : path.toString();
        if (!(status instanceof Integer code)) {
            ProblemWriter.write(response, HttpStatus.NOT_FOUND.value(),
                    "there is no endpoint " + request.getRequestURI() + "; see /v3/api-docs for the API",
                    request.getRequestURI());
            return;
        }
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure != null) {
            var fault = ClientFaults.of(failure, request);
            if (fault.isPresent()) {
                ProblemWriter.write(response, fault.get().status().value(), fault.get().detail(), instance);
                return;
            }
            log.error("request {} failed", instance, failure);
            ProblemWriter.write(response, 500, "the request failed inside the service; see its log", instance);
            return;
        }
        ProblemWriter.write(response, code, detail(code), instance);
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is malformed (its URL, a header or its body)";
            case 404 -> "there is no such resource; see /v3/api-docs for the API";
            case 405 -> "this method is not supported here";
            case 416 -> "the requested range cannot be served";
            default -> Optional.ofNullable(HttpStatus.resolve(status))
                .map(HttpStatus::getReasonPhrase)
                .orElse("the request failed");
        };
    }

}
