package io.useringest.web;

import io.useringest.config.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.OptionalLong;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic attempts under the same {@link LoginThrottle} as the console's form: while a
 * client address must wait, a request carrying Basic credentials is answered 429 with
 * Retry-After before its password is checked. Failures are counted by the API's
 * authentication entry point; a request the Basic filter authenticated forgets the
 * address.
 */
final class BasicLoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    BasicLoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    static boolean carriesBasic(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !carriesBasic(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        OptionalLong wait = throttle.retryAfterSeconds(request.getRemoteAddr(), Instant.now());
        if (wait.isPresent()) {
            long seconds = wait.getAsLong();
            response.setHeader("Retry-After", Long.toString(seconds));
            ProblemWriter.write(response, 429, "too many failed logins from this address; retry in " + seconds + " s",
                    null);
            return;
        }
        chain.doFilter(request, response);
        if (SecurityContextHolder.getContext()
            .getAuthentication() instanceof UsernamePasswordAuthenticationToken authenticated
                && authenticated.isAuthenticated()) {
            throttle.succeeded(request.getRemoteAddr());
        }
    }

}
