package io.useringest.events;

import static io.useringest.events.EventsHttpIT.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.useringest.storage.MinioClients;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StorageConnection;
import io.useringest.support.Http;
import io.useringest.support.Zips;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * docs/contract.md "Storage events", zero set-up: on the embedded defaults a file written
 * through the embedded server's S3 API is served by GET /users without any POST /data or
 * configuration — put, server-side copy and delete.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedEventsIT {

    @LocalServerPort
    int port;

    @Autowired
    StorageConnection storage;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        var dir = Files.createTempDirectory("embedded-events");
        registry.add("data.dir", () -> dir.resolve("data").toString());
        registry.add("storage.embedded-port", () -> "0");
        registry.add("processing.interval", () -> "PT24H");
    }

    @Test
    void writesThroughTheEmbeddedS3ApiAreServedWithoutARequest() throws Exception {
        Http http = new Http(port);
        waitFor(() -> Http.json(http.get("/runs")).size() > 0
                && Http.json(http.get("/runs")).get(0).get("status").asString().equals("succeeded"),
                "the start-up run");
        ObjectStore client = MinioClients.objectStore(storage.endpoint(), "us-east-1", "minioadmin", "minioadmin", 4,
                ObjectStore.Listing.BY_FOLDER);

        client.put("source", "uploads/e1.csv",
                "first_name,last_name,birthts\nEm,Bedded,86400000\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        waitFor(() -> http.get("/users/e1").statusCode() == 200, "e1, put through the S3 API, to be served");
        JsonNode run = Http.json(http.get("/runs?limit=1")).get(0);
        assertThat(run.get("trigger").asString()).isEqualTo("event");
        assertThat(run.get("scope").asString()).isEqualTo("keys");

        assertThat(client.copyIfPresent("source", "uploads/e1.csv", "source", "copies/e2.csv", "text/csv")).isTrue();
        waitFor(() -> http.get("/users/e2").statusCode() == 200, "e2, a server-side copy, to be served");

        client.delete("source", List.of("uploads/e1.csv"));
        waitFor(() -> http.get("/users/e1").statusCode() == 404, "e1, deleted, to be removed");
        assertThat(Http.json(http.get("/users/e2")).get("first_name").asString()).isEqualTo("Em");
    }

    /**
     * The service's own writes to the output bucket (output.csv, the published images)
     * are not storage events: none is counted as received or ignored.
     */
    @Test
    void theServicesOwnPublishingIsNotCountedAsAnIgnoredEvent() throws Exception {
        Http http = new Http(port);
        waitFor(() -> Http.json(http.get("/runs")).size() > 0
                && Http.json(http.get("/runs")).get(0).get("status").asString().equals("succeeded"),
                "the start-up run");
        String withImage = null;
        for (JsonNode user : Http.json(http.get("/data?limit=100"))) {
            if (!user.get("img_path").isNull()) {
                withImage = user.get("user_id").asString();
            }
        }
        assertThat(withImage).as("a demo user with an image").isNotNull();
        String image = "/users/" + withImage + "/image";
        waitFor(() -> http.get("/output.csv").statusCode() == 200 && http.get(image).statusCode() == 200,
                "output.csv and the images published");
        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metrics).contains("useringest_events_ignored_total 0.0");
    }

    /**
     * A multipart upload (what every S3 tool does for a file of some size) makes the
     * embedded server write bookkeeping objects of its own (a stub per upload, its
     * parts); only the completed key may become an event, and no run may fail on them.
     */
    @Test
    void aMultipartUploadIsOneEventForTheCompletedKey() throws Exception {
        Http http = new Http(port);
        waitFor(() -> Http.json(http.get("/runs")).size() > 0
                && !Http.json(http.get("/runs")).get(0).get("status").asString().equals("running"), "the start-up run");
        long runsBefore = Http.json(http.get("/runs?limit=1")).get(0).get("id").asLong();
        MinioClient client = MinioClient.builder()
            .endpoint(storage.endpoint())
            .credentials("minioadmin", "minioadmin")
            .region("us-east-1")
            .build();
        Map<String, byte[]> files = new TreeMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[600 * 1024];
            random.nextBytes(noise);
            files.put("mp/m" + i + ".png", noise);
            files.put("mp/m" + i + ".csv", Zips.utf8("first_name,last_name,birthts\nMulti,Part" + i + ",86400000\n"));
        }
        byte[] zip = Zips.zip(files);
        assertThat(zip.length).isGreaterThan(11 * 1024 * 1024);
        client.putObject(PutObjectArgs.builder()
            .bucket("source")
            .object("zips/multipart.zip")
            .stream(new ByteArrayInputStream(zip), (long) zip.length, 5L * 1024 * 1024)
            .build());
        waitFor(() -> http.get("/users/m19").statusCode() == 200, "m19, in a multipart upload, to be served");
        JsonNode runs = Http.json(http.get("/runs?limit=20"));
        for (JsonNode run : runs) {
            if (run.get("id").asLong() > runsBefore) {
                assertThat(run.get("status").asString()).as("run %s: %s", run.get("id"), run.get("error"))
                    .isNotEqualTo("failed");
                assertThat(run.get("warnings").toString()).doesNotContain("s3proxy").doesNotContain(".mpus");
            }
        }
        assertThat(Http.json(http.get("/users/m0")).get("img_path").isNull()).isFalse();
    }

}
