package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.config.Settings;
import io.useringest.db.DataSources;
import io.useringest.db.Database;
import io.useringest.db.DatabaseDialect;
import io.useringest.support.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /data streams: 200,000 users through a service whose heap (64 MiB) could not hold
 * them.
 */
class LargeResultStreamingIT {

    static final int USERS = 200_000;

    @TempDir
    Path dir;

    @Test
    void twoHundredThousandUsersStreamFromAServiceWithA64MiBHeap() throws Exception {
        Path data = dir.resolve("data");
        Settings settings = Settings.from(new MockEnvironment().withProperty("data.dir", data.toString()));
        try (HikariDataSource dataSource = DataSources.create(settings)) {
            Database db = new Database(dataSource, DatabaseDialect.SQLITE);
            db.inTransaction(() -> {
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < USERS; i++) {
                    long birthts = (i % 20_000) * 86_400_000L * 2 - 700_000_000_000L;
                    rows.add(new Object[] { String.format("u%06d", i), "First name " + i, "Last name " + i, birthts,
                            Instant.ofEpochMilli(birthts).atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                            i % 3 == 0 ? null : "processed-data/images/u" + i + ".png" });
                }
                db.jdbc()
                    .batchUpdate("INSERT INTO users (user_id, first_name, last_name, birthts, birthdate, img_path) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", rows);
            });
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process service = ChildJvm.start(dir,
                Map.of("DATA_DIR", data.toString(), "STORAGE_EMBEDDED_PORT", "0", "SERVER_PORT", String.valueOf(port),
                        "DEMO_DATA", "false", "USERINGEST_SCHEDULE_ENABLED", "false"),
                List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"), dir.resolve("out.txt"), dir.resolve("err.txt"));
        try {
            HttpClient http = HttpClient.newHttpClient();
            waitUntilUp(http, port, service);
            // The first answer streams from the database (and is kept in a file on the
            // way),
            // the second is that file: both whole, in order, in 64 MiB.
            HttpResponse<InputStream> fromDatabase = get(http, port);
            assertThat(fromDatabase.headers().firstValue("Content-Length")).isEmpty();
            assertThat(readAll(fromDatabase)).as("more JSON than the service's heap").isGreaterThan(40L * 1024 * 1024);
            HttpResponse<InputStream> fromFile = get(http, port);
            long length = Long.parseLong(fromFile.headers().firstValue("Content-Length").orElseThrow());
            assertThat(readAll(fromFile)).isEqualTo(length);
            assertThat(service.isAlive()).as("the service survived: %s", Files.readString(dir.resolve("out.txt")))
                .isTrue();
            for (String accept : List.of("application/json", "text/csv", "application/json")) {
                hangUpMidResponse(port, accept);
            }
            Thread.sleep(1000);
            assertThat(Files.readString(dir.resolve("out.txt"))).as("a client that hangs up is not an error of ours")
                .doesNotContain("ERROR")
                .doesNotContain("ClientAbortException");
        }
        finally {
            service.destroyForcibly();
        }
    }

    private static HttpResponse<InputStream> get(HttpClient http, int port) throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/data")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    /** Checks every user is there, in user_id order; returns the body's length. */
    private static long readAll(HttpResponse<InputStream> response) throws Exception {
        long count = 0;
        String previous = "";
        try (InputStream body = response.body(); JsonParser parser = JsonMapper.builder().build().createParser(body)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                var user = parser.readValueAsTree();
                String userId = ((JsonNode) user).get("user_id").asString();
                assertThat(userId).isGreaterThan(previous);
                previous = userId;
                count++;
            }
            assertThat(parser.nextToken()).as("the end of the body").isNull();
            assertThat(count).isEqualTo(USERS);
            return parser.currentLocation().getByteOffset();
        }
    }

    /**
     * Reads the start of a large response and closes the connection, as an impatient
     * client does.
     */
    private static void hangUpMidResponse(int port, String accept) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                .write(("GET /data HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().readNBytes(64 * 1024)).hasSize(64 * 1024);
            socket.setSoLinger(true, 0);
        }
    }

    private static void waitUntilUp(HttpClient http, int port, Process service) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline && service.isAlive()) {
            try {
                var health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not come up with -Xmx64m");
    }

}
