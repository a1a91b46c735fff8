package io.useringest.web;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link HttpFuzzTests} with reading open (the default). */
class HttpFuzzOpenIT extends HttpFuzzTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        settings(registry, "fuzz-open");
    }

}
