package io.useringest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * When a request must carry a CSRF token: when it would change state (any method but GET,
 * HEAD, OPTIONS, TRACE) and belongs to a session, which only the console's form login
 * creates. A browser attaches the session cookie to a forged cross-site request, so such
 * a request needs the token even with Basic credentials; API clients hold no session and
 * are unaffected.
 */
final class SessionCsrf {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private SessionCsrf() {
    }

    static boolean requires(HttpServletRequest request) {
        return !SAFE.contains(request.getMethod()) && request.getSession(false) != null;
    }

}
