package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link HttpFuzzTests} with reading open (the default). */
class HttpFuzzOpenIT extends HttpFuzzTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        settings(registry, "fuzz-open");
    }

    @Test
    void readsAreOpenInThisMode() throws IOException {
        assertThat(send("GET /stats HTTP/1.1", List.of(), "")).isEqualTo(200);
    }

}
