package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.Http;
import io.useringest.support.TestStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document and the endpoints cannot drift apart: every API endpoint is in it,
 * each lists exactly the query parameters the endpoint accepts (the sets the endpoints
 * check requests against), every parameter has a type, a meaning and an example the
 * endpoint accepts, and the error responses and security schemes are there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentIT {

    /** Every API operation and the query parameters its endpoint accepts. */
    private static final Map<String, Set<String>> ACCEPTED = Map.ofEntries(
            Map.entry("get /data", DataController.PARAMETERS), Map.entry("post /data", ProcessingController.PARAMETERS),
            Map.entry("get /stats", FilterParameters.NAMES), Map.entry("get /runs", RunsController.LIST_PARAMETERS),
            Map.entry("get /runs/{id}", Set.of()), Map.entry("get /users/{userId}", Set.of()),
            Map.entry("get /users/{userId}/image", Set.of()), Map.entry("get /output.csv", Set.of()),
            Map.entry("post /events", Set.of()),
            Map.entry("get /users/{userId}/history", UsersController.HISTORY_PARAMETERS),
            Map.entry("get /changes", ChangesController.PARAMETERS));

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    BuildProperties build;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("openapi");
        registry.add("storage.endpoint", () -> TestStorage.server().endpoint());
        registry.add("data.dir", dir::toString);
        registry.add("source.bucket", () -> "openapi-src");
        registry.add("output.bucket", () -> "openapi-out");
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    /**
     * The live document, written to {@code target/openapi.json} for the linters .ci/run
     * runs over it (spectral's {@code spectral:oas}, redocly's {@code recommended}).
     */
    @Test
    void theLiveDocumentIsWrittenForTheLinters() throws Exception {
        String document = new Http(port).get("/v3/api-docs").body();
        Path target = Path.of("target", "openapi.json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, document);
        assertThat(Http.json(new Http(port).get("/v3/api-docs")).get("openapi").asString()).startsWith("3.0");
    }

    private JsonNode document() {
        return Http.json(new Http(port).get("/v3/api-docs"));
    }

    @Test
    void everyApiEndpointIsDocumentedAndNothingElse() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            String type = method.getBeanType().getName();
            if (type.startsWith("io.useringest.admin.") || type.endsWith("FrontDoorController")
                    || type.endsWith("ErrorPageController") || !type.startsWith("io.useringest.")) {
                return;
            }
            for (String path : info.getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name().toLowerCase() + " " + path));
            }
        });
        Set<String> documented = new TreeSet<>();
        document().get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            documented.add(op.getKey() + " " + path.getKey());
        }));

        assertThat(served).as("endpoints served").isEqualTo(new TreeSet<>(ACCEPTED.keySet()));
        assertThat(documented).as("operations documented").isEqualTo(new TreeSet<>(ACCEPTED.keySet()));
    }

    @Test
    void eachOperationListsExactlyTheParametersItsEndpointAcceptsWithTypeMeaningAndAnAcceptedExample() {
        JsonNode paths = document().get("paths");
        Http http = new Http(port);
        for (Map.Entry<String, Set<String>> operation : new TreeMap<>(ACCEPTED).entrySet()) {
            String method = operation.getKey().split(" ")[0];
            String path = operation.getKey().split(" ")[1];
            JsonNode documented = paths.get(path).get(method);
            Set<String> query = new TreeSet<>();
            if (documented.has("parameters")) {
                for (JsonNode parameter : documented.get("parameters")) {
                    String name = parameter.get("name").asString();
                    assertThat(parameter.get("description").asString()).as(operation.getKey() + " " + name)
                        .isNotBlank();
                    assertThat(parameter.get("schema").get("type").asString()).as(name + " type").isNotBlank();
                    assertThat(parameter.has("example")).as(name + " example").isTrue();
                    if (parameter.get("in").asString().equals("query")) {
                        query.add(name);
                        if (method.equals("get")) {
                            String example = parameter.get("example").asString();
                            int status = http
                                .get(path.replace("{id}", "1").replace("{userId}", "1000") + "?" + name + "=" + example)
                                .statusCode();
                            assertThat(status).as(operation.getKey() + "?" + name + "=" + example).isNotEqualTo(400);
                        }
                    }
                }
            }
            assertThat(query).as(operation.getKey() + " query parameters").isEqualTo(operation.getValue());
            if (method.equals("get")) {
                assertThat(http.get(path.replace("{id}", "1").replace("{userId}", "1000") + "?undocumented=1")
                    .statusCode()).as(operation.getKey() + " refuses what it does not document").isEqualTo(400);
            }
        }
    }

    @Test
    void responsesSchemasAndSecurityAreDocumented() {
        JsonNode document = document();
        assertThat(document.get("info").get("title").asString()).isEqualTo("user-ingest API");
        assertThat(document.get("info").get("version").asString()).isEqualTo(build.getVersion());
        assertThat(document.get("info").get("description").asString()).contains("problem");
        JsonNode paths = document.get("paths");
        assertThat(codes(paths.get("/data").get("get"))).contains("200", "400", "401", "406");
        assertThat(codes(paths.get("/stats").get("get"))).contains("200", "400", "401");
        assertThat(codes(paths.get("/runs/{id}").get("get"))).contains("200", "400", "404");
        assertThat(codes(paths.get("/users/{userId}").get("get"))).contains("200", "400", "404");
        assertThat(codes(paths.get("/users/{userId}/history").get("get"))).contains("200", "400", "404");
        assertThat(codes(paths.get("/changes").get("get"))).contains("200", "400", "410");
        assertThat(paths.get("/changes").get("get").get("responses").get("200").get("content").has("text/event-stream"))
            .as("the live feed is documented")
            .isTrue();
        assertThat(codes(paths.get("/data").get("post"))).contains("200", "401", "503");
        assertThat(codes(paths.get("/events").get("post"))).contains("202", "400", "401", "404", "413");
        assertThat(paths.get("/data").get("post").get("security").toString()).contains("adminBasic");
        assertThat(paths.get("/events").get("post").get("security").toString()).contains("eventsToken");
        JsonNode components = document.get("components");
        assertThat(components.get("securitySchemes").get("adminBasic").get("scheme").asString()).isEqualTo("basic");
        assertThat(components.get("securitySchemes").get("eventsToken").get("scheme").asString()).isEqualTo("bearer");
        assertThat(components.get("schemas").properties().stream().map(Map.Entry::getKey)).contains("UserView",
                "UserStats", "RunReport", "Problem");
        assertThat(paths.get("/users/{userId}").get("get").get("responses").get("200").toString()).contains("example");
    }

    private static Set<String> codes(JsonNode operation) {
        Set<String> codes = new TreeSet<>();
        operation.get("responses").properties().forEach(e -> codes.add(e.getKey()));
        return codes;
    }

}
