package io.useringest.web;

import io.useringest.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static void registerDatabase(DynamicPropertyRegistry registry, TestDatabase database, String name) throws Exception {
        Path dir = Files.createTempDirectory(name);
        String url = database.newUrl(dir);
        registry.add("database.url", () -> url);
        registry.add("database.user", database::user);
    }
}
