package io.useringest.support;

import io.useringest.storage.EmbeddedS3Server;
import io.useringest.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An S3 server of a test class's own, with an empty {@code source} bucket, for the whole
 * app under test: {@link #register} points the app at it (its data folder beside it, the
 * admin password given, no schedule).
 */
public final class AppStorage implements AutoCloseable {

    public static final String BUCKET = "source";

    private final Path dir;

    private final EmbeddedS3Server server;

    private final ObjectStore store;

    private AppStorage(Path dir, EmbeddedS3Server server, ObjectStore store) {
        this.dir = dir;
        this.server = server;
        this.store = store;
    }

    public static AppStorage start(String name) throws Exception {
        Path dir = Files.createTempDirectory(name);
        EmbeddedS3Server server = EmbeddedS3Server.start(dir.resolve("s3"), 0, "minioadmin", "minioadmin");
        ObjectStore store = TestStorage.storeOf(server);
        store.createBucketIfMissing(BUCKET);
        return new AppStorage(dir, server, store);
    }

    public void register(DynamicPropertyRegistry registry, String adminPassword) {
        registry.add("storage.endpoint", server::endpoint);
        registry.add("data.dir", dir::toString);
        registry.add("admin.password", () -> adminPassword);
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    public Path dir() {
        return dir;
    }

    public void put(String key, String content) {
        put(key, content.getBytes(StandardCharsets.UTF_8));
    }

    public void put(String key, byte[] content) {
        store.put(BUCKET, key, content, "application/octet-stream");
    }

    public void delete(String key) {
        store.delete(BUCKET, List.of(key));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

}
