package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.Http;
import io.useringest.support.Network;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service as the README starts it: embedded S3 and SQLite, demo data, a run at
 * start-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultsIT {

    static Path dir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("embedded-defaults");
        registry.add("data.dir", () -> dir.resolve("data").toString());
        registry.add("storage.embedded-port", () -> "0");
    }

    @Test
    void theStartUpRunServesTheDemoDataWithinSeconds(CapturedOutput output) throws Exception {
        Http http = new Http(port);
        JsonNode run = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode runs = Http.json(http.get("/runs"));
            if (!runs.isEmpty() && runs.get(0).get("status").asString().equals("succeeded")) {
                run = runs.get(0);
                break;
            }
            Thread.sleep(100);
        }
        assertThat(run).as("a succeeded start-up run").isNotNull();
        assertThat(run.get("trigger").asString()).isEqualTo("startup");
        assertThat(run.get("users_total").asLong()).isEqualTo(100);
        assertThat(dir.resolve("data/users.db")).exists();
        assertThat(dir.resolve("data/s3/processed-data/output.csv")).exists();

        assertThat(output.getAll()).contains("uploaded the demo data set (100 users")
            .containsPattern(
                    "S3 endpoint http://127\\.0\\.0\\.1:\\d+ \\(embedded, objects in .*data/s3\\) \\(access key "
                            + "minioadmin, secret key minioadmin\\)")
            .contains("Database jdbc:sqlite:" + dir.resolve("data"))
            .contains("HTTP on http://127.0.0.1:" + port + "/ (this machine only; SERVER_ADDRESS=0.0.0.0 serves the "
                    + "network)")
            .containsPattern("Admin user 'admin' with generated password: [A-Za-z0-9]{20}");
    }

    /**
     * Secure by default: on the embedded defaults the API (names, birth dates) is not
     * served to the network; only this machine can connect.
     */
    @Test
    void httpListensOnLoopbackOnly() throws Exception {
        InetAddress external = Network.externalAddress();
        assertThat(Network.accepts(external, port)).as("a connection to %s:%d", external, port).isFalse();
        assertThat(Network.accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
    }

}
