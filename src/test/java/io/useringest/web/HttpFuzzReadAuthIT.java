package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link HttpFuzzTests} with API_READ_AUTH=true, where the error page itself once
 * answered 500.
 */
class HttpFuzzReadAuthIT extends HttpFuzzTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        settings(registry, "fuzz-read-auth");
        registry.add("api.read-auth", () -> "true");
    }

    @Test
    void readsNeedTheAdminInThisMode() throws IOException {
        assertThat(send("GET /stats HTTP/1.1", List.of(), "")).isEqualTo(401);
    }

}
