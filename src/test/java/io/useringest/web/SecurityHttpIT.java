package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.Http;
import io.useringest.support.TestStorage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With API_READ_AUTH=true reading needs the admin too (the state-changing endpoints:
 * {@link HttpFuzzTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHttpIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        var dir = Files.createTempDirectory("security-http");
        registry.add("storage.endpoint", () -> TestStorage.server().endpoint());
        registry.add("data.dir", dir::toString);
        registry.add("source.bucket", () -> "security-src");
        registry.add("output.bucket", () -> "security-out");
        registry.add("admin.password", () -> "test-secret");
        registry.add("api.read-auth", () -> "true");
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    @Test
    void readingNeedsTheAdminWhenApiReadAuthIsOn() {
        Http http = new Http(port);
        for (String path : List.of("/data", "/stats", "/runs", "/users/1", "/v3/api-docs", "/actuator/prometheus")) {
            assertThat(http.get(path).statusCode()).as(path).isEqualTo(401);
        }
        HttpRequest withCredentials = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats"))
            .header("Authorization", Http.basic("admin", "test-secret"))
            .build();
        assertThat(http.send(withCredentials).statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health").statusCode()).as("load balancers may check health").isEqualTo(200);
    }

    @Test
    void healthShowsAnonymousCallersOnlyWhetherThingsAreUp() {
        Http http = new Http(port);
        String anonymous = http.get("/actuator/health").body();
        assertThat(Http.json(http.get("/actuator/health")).get("components").get("storage").get("status").asString())
            .isEqualTo("UP");
        assertThat(anonymous).doesNotContain("details")
            .doesNotContain("127.0.0.1")
            .doesNotContain("security-http")
            .doesNotContain("endpoint");
        String admin = http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("Authorization", Http.basic("admin", "test-secret"))
                .build())
            .body();
        assertThat(admin).contains("\"endpoint\"").contains("\"details\"");
    }

    @Test
    void theAdminNameMatchesExactly() {
        Http http = new Http(port);
        for (String name : List.of("ADMIN", "Admin", "admin ")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats"))
                .header("Authorization", Http.basic(name, "test-secret"))
                .build();
            assertThat(http.send(request).statusCode()).as(name).isEqualTo(401);
        }
    }

}
