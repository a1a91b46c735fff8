package io.useringest.web;

import io.useringest.users.UsersVersion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Validators for answers that depend only on the users and the day (ages change at
 * midnight UTC): the ETag is the users' version, the day and the representation, so a
 * client's {@code If-None-Match} is answered 304 without a query while no run changed a
 * user. Weak, since compression changes the bytes but not the meaning.
 */
@Component
class UsersEtag {

    private final UsersVersion version;

    private final Clock clock;

    UsersEtag(UsersVersion version, Clock clock) {
        this.version = version;
        this.clock = clock;
    }

    /**
     * Sets the ETag; true when the client's copy is current, in which case the answer is
     * a 304 and nothing more is to be written. Called once the request's parameters are
     * known to be valid.
     */
    boolean notModified(HttpServletRequest request, HttpServletResponse response, String representation) {
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        String tag = "W/\"" + version.current() + "-" + LocalDate.now(clock) + "-" + representation + "\"";
        return new ServletWebRequest(request, response).checkNotModified(tag);
    }

}
