package io.useringest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreIT {

    @TempDir
    static Path dir;
    static EmbeddedS3Server server;
    static ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedS3Server.start(dir.resolve("s3"), 0, "minioadmin", "minioadmin");
        store = store(ObjectStore.Listing.BY_FOLDER);
        store.createBucketIfMissing("bkt");
    }

    private static ObjectStore store(ObjectStore.Listing listing) {
        return MinioClients.objectStore(server.endpoint(), "us-east-1", "minioadmin", "minioadmin", 8, listing);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void putListReadCopyDelete() throws Exception {
        store.put("bkt", "x/2.csv", "bkt".getBytes(StandardCharsets.UTF_8), "text/csv");
        store.put("bkt", "x/1.csv", "a".getBytes(StandardCharsets.UTF_8), "text/csv");
        store.put("bkt", "x/a/3.png", new byte[] { 1, 2, 3 }, "image/png");
        List<StoredObject> listed = store.list("bkt", "x/").toList();
        assertThat(listed).extracting(StoredObject::key).containsExactly("x/1.csv", "x/2.csv", "x/a/3.png");
        assertThat(listed.get(2).size()).isEqualTo(3);
        assertThat(listed.get(0).etag()).isNotEmpty();
        try (InputStream in = store.read("bkt", "x/2.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bkt");
        }
        assertThat(store.copyIfPresent("bkt", "x/a/3.png", "bkt", "out/3.png", "image/png")).isTrue();
        assertThat(store.copyIfPresent("bkt", "x/missing.png", "bkt", "out/4.png", "image/png")).isFalse();
        assertThat(store.stat("bkt", "out/3.png")).get().extracting(StoredObject::size).isEqualTo(3L);
        store.delete("bkt", List.of("out/3.png", "x/never-existed"));
        assertThat(store.stat("bkt", "out/3.png")).isEmpty();
    }

    @Test
    void aCopyOfAListedObjectSendsNoHeadAndIsMadeOnlyWhileTheSourceIsUnchanged() {
        List<String> requests = new CopyOnWriteArrayList<>();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            requests.add(chain.request().method());
            return chain.proceed(chain.request());
        }).build();
        MinioClient client = MinioClient.builder()
            .endpoint(server.endpoint())
            .region("us-east-1")
            .credentials("minioadmin", "minioadmin")
            .httpClient(http)
            .build();
        ObjectStore counted = new ObjectStore(client,
                MinioAsyncClient.builder()
                    .endpoint(server.endpoint())
                    .region("us-east-1")
                    .credentials("minioadmin", "minioadmin")
                    .httpClient(http)
                    .build(),
                ObjectStore.Listing.BY_FOLDER, () -> {
                });
        store.put("bkt", "img/5.png", new byte[] { 5, 5 }, "image/png");
        StoredObject listed = store.list("bkt", "img/").findFirst().orElseThrow();

        assertThat(counted.copyIfUnchanged("bkt", listed, "bkt", "out/5.png", "image/png"))
            .isEqualTo(ObjectStore.CopyResult.COPIED);
        assertThat(requests).as("a copy naming the listed ETag and size: the copy alone, no HEAD first")
            .containsExactly("PUT");

        store.put("bkt", "img/5.png", new byte[] { 6, 6, 6 }, "image/png");
        assertThat(counted.copyIfUnchanged("bkt", listed, "bkt", "out/5.png", "image/png"))
            .as("the source was replaced after it was listed")
            .isEqualTo(ObjectStore.CopyResult.CHANGED);
        assertThat(counted.copyIfPresent("bkt", listed, "bkt", "out/5.png", "image/png")).isTrue();
        assertThat(store.stat("bkt", "out/5.png")).get()
            .as("a replaced source is copied as it is now")
            .extracting(StoredObject::size)
            .isEqualTo(3L);

        store.delete("bkt", List.of("img/5.png"));
        assertThat(counted.copyIfUnchanged("bkt", listed, "bkt", "out/6.png", "image/png"))
            .isEqualTo(ObjectStore.CopyResult.MISSING);
        assertThat(counted.copyIfPresent("bkt", listed, "bkt", "out/6.png", "image/png")).isFalse();
    }

    /**
     * ObjectDiff relies on key order. The folder walk must interleave objects and folders
     * the way a recursive listing does, including names that sort around the delimiter
     * ('.' and '-' before '/', '0' and 'é' after), folders bigger than a page and keys
     * that need URL encoding.
     */
    @Test
    void bothListingsGiveEveryKeyInS3KeyOrder() {
        List<String> keys = new ArrayList<>(List.of("k/a.csv", "k/a/1.csv", "k/a/b/2.png", "k/a-b.csv", "k/a0.csv",
                "k/a0/3.csv", "k/b c+d&e%20.csv", "k/é/4.csv", "k/zz.csv", "k/a/b.csv", "k/a/b/c/d/5.csv", "k.csv",
                "k0/6.csv"));
        for (int i = 0; i < 1205; i++) {
            keys.add(String.format("k/big/%05d.csv", i));
        }
        for (String key : keys) {
            store.put("bkt", key, new byte[] { 1 }, "text/csv");
        }
        List<String> expected = keys.stream().filter(k -> k.startsWith("k/")).sorted(KeyOrder.COMPARATOR).toList();

        for (ObjectStore.Listing listing : ObjectStore.Listing.values()) {
            try (var listed = store(listing).list("bkt", "k/")) {
                assertThat(listed.map(StoredObject::key).toList()).as(listing.name()).isEqualTo(expected);
            }
        }
        try (var listed = store.list("bkt", "k")) {
            assertThat(listed.map(StoredObject::key).toList()).as("a prefix that is not a folder")
                .contains("k.csv", "k0/6.csv")
                .hasSize(expected.size() + 2)
                .isSortedAccordingTo(KeyOrder.COMPARATOR);
        }
    }

    @Test
    void fileDroppedIntoTheDirectoryIsListedWithoutEtag() throws Exception {
        Path file = dir.resolve("s3/bkt/dropped/7.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "first_name,last_name,birthts\nA,B,0\n");
        List<StoredObject> listed = store.list("bkt", "dropped/").toList();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).size()).isEqualTo(Files.size(file));
    }

}
