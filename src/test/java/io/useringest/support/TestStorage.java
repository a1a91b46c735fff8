package io.useringest.support;

import io.useringest.storage.EmbeddedS3Server;
import io.useringest.storage.MinioClients;
import io.useringest.storage.ObjectStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real S3 server (S3Proxy over a temporary folder, random port) shared by the tests
 * of a JVM.
 */
public final class TestStorage {

    private static EmbeddedS3Server server;

    private static Path baseDir;

    private static ObjectStore store;

    private TestStorage() {
    }

    public static synchronized EmbeddedS3Server server() {
        if (server == null) {
            try {
                baseDir = Files.createTempDirectory("user-ingest-s3");
                server = EmbeddedS3Server.start(baseDir, 0, "minioadmin", "minioadmin");
                store = MinioClients.objectStore(server.endpoint(), "us-east-1", "minioadmin", "minioadmin", 32,
                        ObjectStore.Listing.BY_FOLDER);
            }
            catch (Exception e) {
                throw new IllegalStateException("cannot start the test S3 server", e);
            }
        }
        return server;
    }

    public static ObjectStore store() {
        server();
        return store;
    }

    /**
     * A client of a test's own S3 server, with the test credentials, listing by folder.
     */
    public static ObjectStore storeOf(EmbeddedS3Server server) {
        return MinioClients.objectStore(server.endpoint(), "us-east-1", "minioadmin", "minioadmin", 8,
                ObjectStore.Listing.BY_FOLDER);
    }

    /**
     * Where the server keeps the objects of a bucket as files (for dropping files in
     * without S3).
     */
    public static Path bucketDir(String bucket) {
        server();
        return baseDir.resolve(bucket);
    }

    /**
     * The public sample of the task this project grew out of: 100 users, ids 1000-1099,
     * each a CSV (header {@code first_name, last_name, birthts}) and a PNG; a copy of
     * shared/sample-data/src-data in the test resources.
     */
    public static Path sampleData() {
        try {
            return Path.of(TestStorage.class.getResource("/sample-data/1000.csv").toURI()).getParent();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Uploads the sample data (100 users, ids 1000-1099, each with CSV and PNG) below the
     * prefix.
     */
    public static void uploadSample(String bucket, String prefix) {
        try (var files = Files.list(sampleData())) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                store().put(bucket, prefix + name, Files.readAllBytes(file),
                        name.endsWith(".png") ? "image/png" : "text/csv");
            }
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
