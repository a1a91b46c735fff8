package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.config.Settings;
import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import io.useringest.support.Http;
import io.useringest.support.TestStorage;
import io.useringest.users.UserFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * GET /data, /stats and /users over HTTP, each answer checked against a computation of
 * its own; run once per database by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryHttpTests {

    String SOURCE;

    String OUTPUT;

    @Autowired
    Settings settings;

    /** Users beside the sample: no images, edge-case birthdays and hostile text. */
    static final Map<String, String[]> EXTRA = Map.of("x-leap", new String[] { "Leap", "Day", "951782400000" }, "x-old",
            new String[] { "Old", "Timer", "-616809600000" }, "x-script",
            new String[] { "<script>alert(1)</script>", "O'Brien & \"Co\"", "946684800000" }, "x-young",
            new String[] { "Young", "One", "1577836800000" }, "x-unicode", new String[] { "Elif", "Yılmaz 🌍", "0" });

    record Expected(String userId, String firstName, String lastName, long birthts, LocalDate birthdate,
            boolean image) {
        int age(LocalDate today) {
            return UserFilter.age(birthdate, today);
        }
    }

    static final Map<String, Expected> EXPECTED = new TreeMap<>();

    @LocalServerPort
    int port;

    @Autowired
    ProcessingService processing;

    @Autowired
    ServletWebServerApplicationContext web;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("query-http");
        registry.add("storage.endpoint", () -> TestStorage.server().endpoint());
        registry.add("data.dir", dir::toString);
        registry.add("admin.password", () -> "test-secret");
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    @BeforeAll
    void load() throws IOException {
        SOURCE = settings.sourceBucket();
        OUTPUT = settings.outputBucket();
        EXPECTED.clear();
        TestStorage.store().createBucketIfMissing(SOURCE);
        TestStorage.uploadSample(SOURCE, "sample/");
        try (var files = Files.list(TestStorage.sampleData())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                String[] row = Files.readAllLines(file).get(1).split(",");
                String id = file.getFileName().toString().replace(".csv", "");
                expect(id, row[0].trim(), row[1].trim(), Long.parseLong(row[2].trim()), true);
            }
        }
        for (var extra : EXTRA.entrySet()) {
            String[] v = extra.getValue();
            String csv = "first_name,last_name,birthts\n\"" + v[0].replace("\"", "\"\"") + "\",\""
                    + v[1].replace("\"", "\"\"") + "\"," + v[2] + "\n";
            TestStorage.store()
                .put(SOURCE, "extra/" + extra.getKey() + ".csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
            expect(extra.getKey(), v[0], v[1], Long.parseLong(v[2]), false);
        }
        assertThat(processing.runNow(RunTrigger.COMMAND, false).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    private static void expect(String id, String first, String last, long birthts, boolean image) {
        EXPECTED.put(id, new Expected(id, first, last, birthts,
                Instant.ofEpochMilli(birthts).atOffset(ZoneOffset.UTC).toLocalDate(), image));
    }

    private static List<Expected> matching(Boolean image, Integer min, Integer max) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return EXPECTED.values()
            .stream()
            .filter(u -> image == null || u.image() == image)
            .filter(u -> min == null || u.age(today) >= min)
            .filter(u -> max == null || u.age(today) <= max)
            .toList();
    }

    private static String query(String image, String min, String max) {
        List<String> parts = new ArrayList<>();
        if (!image.isEmpty()) {
            parts.add("is_image_exists=" + image);
        }
        if (!min.isEmpty()) {
            parts.add("min_age=" + min);
        }
        if (!max.isEmpty()) {
            parts.add("max_age=" + max);
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    @Test
    void everyFilterCombinationAgreesWithAnIndependentComputation() {
        Http http = new Http(port);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String image : List.of("", "true", "FALSE", "1", "0")) {
            for (String min : List.of("", "0", "25", "26", "30", "70")) {
                for (String max : List.of("", "25", "30", "45", "200")) {
                    if (!min.isEmpty() && !max.isEmpty() && Integer.parseInt(min) > Integer.parseInt(max)) {
                        continue;
                    }
                    Boolean imageFilter = image.isEmpty() ? null : image.equalsIgnoreCase("true") || image.equals("1");
                    List<Expected> expected = matching(imageFilter, min.isEmpty() ? null : Integer.parseInt(min),
                            max.isEmpty() ? null : Integer.parseInt(max));
                    String q = query(image, min, max);

                    HttpResponse<String> data = http.get("/data" + q);
                    assertThat(data.statusCode()).as(q).isEqualTo(200);
                    List<String> ids = new ArrayList<>();
                    Http.json(data).forEach(u -> ids.add(u.get("user_id").asString()));
                    assertThat(ids).as("/data%s", q)
                        .containsExactlyElementsOf(expected.stream().map(Expected::userId).toList());

                    JsonNode stats = Http.json(http.get("/stats" + q));
                    assertThat(stats.get("count").asLong()).as("/stats%s", q).isEqualTo(expected.size());
                    assertThat(stats.get("filters").get("is_image_exists").isNull()).isEqualTo(imageFilter == null);
                    if (expected.isEmpty()) {
                        assertThat(stats.get("message").asString()).isEqualTo("Filter returned no objects");
                        assertThat(stats.get("average_age").isNull()).isTrue();
                        assertThat(stats.get("youngest_age").isNull()).isTrue();
                        continue;
                    }
                    double average = expected.stream().mapToInt(u -> u.age(today)).average().orElseThrow();
                    assertThat(stats.get("average_age").decimalValue())
                        .isEqualByComparingTo(BigDecimal.valueOf(average).setScale(2, RoundingMode.HALF_UP));
                    assertThat(stats.get("youngest_age").asInt())
                        .isEqualTo(expected.stream().mapToInt(u -> u.age(today)).min().orElseThrow());
                    assertThat(stats.get("oldest_age").asInt())
                        .isEqualTo(expected.stream().mapToInt(u -> u.age(today)).max().orElseThrow());
                    assertThat(stats.get("average_birthts").asLong())
                        .isEqualTo(Math.round(expected.stream().mapToLong(Expected::birthts).average().orElseThrow()));
                    assertThat(stats.has("message")).isFalse();
                }
            }
        }
    }

    @Test
    void dataShowsEveryFieldOfAUser() {
        Http http = new Http(port);
        JsonNode users = Http.json(http.get("/data"));
        assertThat(users).hasSize(EXPECTED.size());
        JsonNode first = users.get(0);
        Expected expected = EXPECTED.get("1000");
        assertThat(first.get("user_id").asString()).isEqualTo("1000");
        assertThat(first.get("id").asLong()).isPositive();
        assertThat(first.get("first_name").asString()).isEqualTo(expected.firstName());
        assertThat(first.get("last_name").asString()).isEqualTo(expected.lastName());
        assertThat(first.get("birthts").asLong()).isEqualTo(expected.birthts());
        assertThat(first.get("birthdate").asString()).isEqualTo(expected.birthdate().toString());
        assertThat(first.get("age").asInt()).isEqualTo(expected.age(LocalDate.now(ZoneOffset.UTC)));
        assertThat(first.get("img_path").asString()).isEqualTo(OUTPUT + "/images/1000.png");
        assertThat(first.get("image_url").asString()).isEqualTo("/users/1000/image");
        JsonNode noImage = Http.json(http.get("/users/x-leap"));
        assertThat(noImage.get("img_path").isNull()).isTrue();
        assertThat(noImage.get("image_url").isNull()).isTrue();
        assertThat(noImage.get("birthdate").asString()).isEqualTo("2000-02-29");
    }

    @Test
    void pagingVisitsEveryUserExactlyOnce() {
        Http http = new Http(port);
        List<String> seen = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = Http.json(http.get("/data?limit=7" + (after == null ? "" : "&after=" + after)));
            if (page.isEmpty()) {
                break;
            }
            assertThat(page.size()).isLessThanOrEqualTo(7);
            page.forEach(u -> seen.add(u.get("user_id").asString()));
            after = seen.get(seen.size() - 1);
        }
        assertThat(seen).containsExactlyElementsOf(EXPECTED.keySet());
        // A page of at most 250 users is kept in memory, a larger one streams: both go
        // out whole, with their length.
        for (String limit : List.of("250", "10000")) {
            HttpResponse<String> whole = http.get("/data?limit=" + limit);
            int length = whole.body().getBytes(StandardCharsets.UTF_8).length;
            assertThat(length).as("more than Tomcat's default 8 KiB buffer").isGreaterThan(8192);
            assertThat(whole.headers().firstValue("Content-Length"))
                .as("limit " + limit + " is sent whole, with its length")
                .contains(String.valueOf(length));
            assertThat(Http.json(whole)).hasSize(EXPECTED.size());
        }
        // A kept page (up to 250 users) fits Tomcat's write buffer, so it leaves in one
        // write to the socket, not one per 8 KiB.
        assertThat(
                ((TomcatWebServer) web.getWebServer()).getTomcat().getConnector().getProperty("socket.appWriteBufSize"))
            .hasToString(String.valueOf(TomcatSocketBuffers.WRITE_BUFFER));
        assertThat(http.get("/data?limit=250").body().getBytes(StandardCharsets.UTF_8).length)
            .isLessThan(TomcatSocketBuffers.WRITE_BUFFER);
        JsonNode filtered = Http.json(http.get("/data?is_image_exists=false&limit=2&after=x-leap"));
        assertThat(filtered).extracting(u -> u.get("user_id").asString()).containsExactly("x-old", "x-script");
    }

    @Test
    void csvIsTheOutputCsvFormat() throws IOException {
        Http http = new Http(port);
        HttpResponse<String> csv = http.get("/data", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        try (var in = TestStorage.store().read(OUTPUT, "output.csv")) {
            assertThat(csv.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(csv.body())
            .contains("x-script,<script>alert(1)</script>,\"O'Brien & \"\"Co\"\"\",946684800000,\r\n");
        String filtered = http.get("/data?min_age=70", "text/csv").body();
        assertThat(filtered.split("\r\n")).hasSize(1 + matching(null, 70, null).size());
    }

    @Test
    void browsersGetAnEscapedHtmlPage() {
        Http http = new Http(port);
        HttpResponse<String> page = http.get("/data?is_image_exists=false",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            .doesNotContain("<script>alert(1)")
            .contains("O&#39;Brien &amp; &quot;Co&quot;")
            .contains("Yılmaz 🌍")
            .contains("<span id=\"total\">5</span>");
        assertThat(http.get("/data", "*/*").headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/json");
        assertThat(http.get("/data", "application/xml").statusCode()).isEqualTo(406);
    }

    @Test
    void usersAndTheirImages() throws IOException {
        Http http = new Http(port);
        JsonNode user = Http.json(http.get("/users/1042"));
        assertThat(user.get("first_name").asString()).isEqualTo(EXPECTED.get("1042").firstName());
        HttpResponse<String> image = http.get("/users/1042/image");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        var bytes = http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users/1042/image")).build());
        assertThat(Integer.parseInt(bytes.headers().firstValue("Content-Length").orElseThrow()))
            .isEqualTo((int) Files.size(TestStorage.sampleData().resolve("1042.png")));
        for (String missing : List.of("/users/nobody", "/users/x-leap/image", "/users/nobody/image")) {
            HttpResponse<String> response = http.get(missing);
            assertThat(response.statusCode()).as(missing).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(http.get("/users/bad%20id").statusCode()).isEqualTo(400);
    }

    /**
     * What HTTP clients expect: validators (ETag, 304 on If-None-Match), gzip when asked,
     * one byte range and HEAD's length on files, a favicon, and only the documented
     * representations (XML and YAML are 406; format= gives a link a browser can follow).
     */
    @Test
    void validatorsCompressionRangesAndRepresentationsAsClientsExpect() throws Exception {
        Http http = new Http(port);
        String base = "http://127.0.0.1:" + port;
        for (String path : List.of("/stats?min_age=30", "/data?limit=3", "/data?limit=300", "/users/1042",
                "/output.csv")) {
            HttpResponse<String> first = http.get(path);
            String tag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + ": no ETag"));
            HttpResponse<String> again = http
                .send(HttpRequest.newBuilder(URI.create(base + path)).header("If-None-Match", tag).build());
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).as(path).isEmpty();
        }
        {
            HttpClient raw = HttpClient.newHttpClient();
            HttpResponse<byte[]> gzip = raw.send(
                    HttpRequest.newBuilder(URI.create(base + "/data")).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
            String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(unzipped).isEqualTo(http.get("/data").body());
        }
        String csv = http.get("/output.csv").body();
        HttpResponse<String> range = http
            .send(HttpRequest.newBuilder(URI.create(base + "/output.csv")).header("Range", "bytes=10-29").build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(csv.substring(10, 30));
        assertThat(range.headers().firstValue("Content-Range"))
            .hasValue("bytes 10-29/" + csv.getBytes(StandardCharsets.UTF_8).length);
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base + "/output.csv"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
        assertThat(head.headers().firstValue("Content-Length"))
            .hasValue(String.valueOf(csv.getBytes(StandardCharsets.UTF_8).length));
        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(URI.create(base + "/users/1042/image"))
            .header("Range", "bytes=99999999-")
            .build());
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(http.get("/favicon.ico").statusCode()).isEqualTo(200);
        for (String type : List.of("application/xml", "application/yaml", "text/xml")) {
            for (String path : List.of("/stats", "/runs", "/users/1042")) {
                HttpResponse<String> refused = http.get(path, type);
                assertThat(refused.statusCode()).as(path + " as " + type).isEqualTo(406);
            }
        }
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8";
        assertThat(http.get("/stats", browser).body()).startsWith("{\"count\":");
        assertThat(http.get("/data?format=json&limit=1", browser).body()).startsWith("[");
        assertThat(http.get("/data?format=csv&limit=1", browser).headers().firstValue("Content-Type").orElse(""))
            .startsWith("text/csv");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            value = { "/data?is_image_exists=yes           | is_image_exists",
                    "/stats?is_image_exists=             | is_image_exists",
                    "/data?min_age=abc                   | min_age", "/data?min_age=1.5                   | min_age",
                    "/stats?max_age=-1                   | max_age", "/data?max_age=201                   | max_age",
                    "/stats?min_age=50&max_age=20        | min_age", "/data?limit=0                       | limit",
                    "/data?limit=10001                   | limit", "/data?limit=ten                     | limit",
                    "/data?after=a%20b                   | after", "/data?min_ag=5                      | min_ag",
                    "/stats?limit=5                      | limit", "/data?min_age=5&min_age=6           | min_age",
                    "/stats?is_image_exists=1&is_image_exists=1 | is_image_exists", })
    void badRequestsAreProblemsThatNameTheParameter(String path, String parameter) {
        HttpResponse<String> response = new Http(port).get(path);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = Http.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownPathsWrongMethodsAndMissingCredentials() {
        Http http = new Http(port);
        HttpResponse<String> unknown = http.get("/nothing/here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        String admin = Http.basic("admin", "test-secret");
        HttpResponse<String> wrongMethod = http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats"))
                .header("Authorization", admin)
                .DELETE()
                .build());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(http.post("/stats", admin).statusCode()).isEqualTo(405);
        assertThat(http.post("/stats", null).statusCode()).as("security first: every non-GET needs the admin")
            .isEqualTo(401);
        HttpResponse<String> noCredentials = http.post("/data", null);
        assertThat(noCredentials.statusCode()).isEqualTo(401);
        assertThat(Http.json(noCredentials).get("detail").asString()).contains("admin");
    }

    @Test
    void docsHealthAndMetrics() {
        Http http = new Http(port);
        JsonNode docs = Http.json(http.get("/v3/api-docs"));
        assertThat(docs.get("paths").has("/data")).isTrue();
        assertThat(docs.get("paths").has("/stats")).isTrue();
        assertThat(docs.get("paths").has("/runs/{id}")).isTrue();
        assertThat(http.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        JsonNode health = Http.json(http.get("/actuator/health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("storage").get("status").asString()).isEqualTo("UP");
        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metrics).contains("useringest_runs_total{status=\"succeeded\"")
            .contains("useringest_run_duration_seconds_count")
            .contains("useringest_users " + (double) EXPECTED.size())
            .contains("useringest_rejected_files 0.0");
    }

}
