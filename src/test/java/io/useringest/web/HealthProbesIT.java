package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.storage.EmbeddedS3Server;
import io.useringest.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Health as machines read it, with storage gone: the overall health is DOWN with 503
 * (what {@code curl -f}, a load balancer and Kubernetes see), liveness stays 200 (an
 * outage must not restart a healthy container), readiness stays 200 (the database
 * answers, so queries are served), and so do the queries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthProbesIT {

    static EmbeddedS3Server storage;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("health-probes");
        storage = EmbeddedS3Server.start(dir.resolve("s3"), 0, "minioadmin", "minioadmin");
        registry.add("storage.endpoint", () -> storage.endpoint());
        registry.add("data.dir", () -> dir.resolve("data").toString());
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
    }

    @Test
    void withStorageGoneHealthIs503WhileLivenessReadinessAndQueriesStay200() throws Exception {
        Http http = new Http(port);
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        storage.close();

        var health = http.get("/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        assertThat(Http.json(health).get("status").asString()).isEqualTo("DOWN");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        var readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(http.get("/stats").statusCode()).isEqualTo(200);
        assertThat(http.get("/data?limit=5").statusCode()).isEqualTo(200);
    }

}
