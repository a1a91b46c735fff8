package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A state-changing request that belongs to a session needs its CSRF token; API clients
 * without one do not.
 */
class SessionCsrfTest {

    @Test
    void aSessionsStateChangingRequestNeedsTheToken() {
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/data");
        post.getSession(true);
        post.addHeader("Authorization", "Basic YWRtaW46eA==");

        assertThat(SessionCsrf.requires(post)).as("even with Basic credentials a browser attaches").isTrue();
    }

    @Test
    void readsAndClientsWithoutASessionAreUnaffected() {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/data");
        get.getSession(true);

        assertThat(SessionCsrf.requires(get)).isFalse();
        assertThat(SessionCsrf.requires(new MockHttpServletRequest("POST", "/data"))).isFalse();
        assertThat(SessionCsrf.requires(new MockHttpServletRequest("DELETE", "/anything"))).isFalse();
    }

}
