package io.useringest.web;

import io.useringest.support.Http;
import io.useringest.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points an app test at a new database of the given kind, and at buckets of its own. */
final class DatabaseProperties {

    private DatabaseProperties() {
    }

    static void register(DynamicPropertyRegistry registry, TestDatabase database, String name) throws Exception {
        registerDatabase(registry, database, name);
        registry.add("source.bucket", () -> name + "-src");
        registry.add("output.bucket", () -> name + "-out");
    }

    /**
     * The app behind {@code port} reached the database it was given (as its health check
     * names it to the admin).
     */
    static void assertAppRunsOn(int port, TestDatabase database) {
        var http = new Http(port);
        var health = Http
            .json(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("Authorization", Http.basic("admin", "test-secret"))
                .build()));
        Assertions.assertThat(health.get("components").get("db").get("details").get("database").asString())
            .isEqualTo(database == TestDatabase.SQLITE ? "SQLite" : "PostgreSQL");
    }

    static void registerDatabase(DynamicPropertyRegistry registry, TestDatabase database, String name)
            throws Exception {
        Path dir = Files.createTempDirectory(name);
        String url = database.newUrl(dir);
        registry.add("database.url", () -> url);
        registry.add("database.user", database::user);
    }

}
