package io.useringest.web;

import java.io.IOException;
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

}
