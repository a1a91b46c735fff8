package io.useringest.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process S3-compatible server (S3Proxy over a folder) used when no external
 * endpoint is configured.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    /**
     * S3Proxy's own names for a multipart upload in progress: a stub carrying the
     * object's metadata from initiate to complete, and the parts. It lists neither, but
     * writes and deletes both through the blob store, and answers 400 to a HEAD on them.
     */
    private static final List<String> MULTIPART_PREFIXES = List.of(".s3proxy-mpu-stub-", ".mpus-");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);

    /**
     * S3Proxy writes an upload to {@code <key>-<random UUID>} beside its target and
     * renames it when complete; a process killed mid-write leaves that file, which would
     * list as an object. No user file has such a name (its extension would be the UUID),
     * so these are removed at start-up and kept out of listings meanwhile.
     */
    private static final Pattern TEMPORARY_FILE = Pattern
        .compile(".*-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final S3Proxy proxy;

    private final String endpoint;

    private final ObservedBlobStore blobStore;

    private EmbeddedS3Server(S3Proxy proxy, String endpoint, ObservedBlobStore blobStore) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.blobStore = blobStore;
    }

    /**
     * Starts a server on 127.0.0.1:port (0 picks a free port) storing objects as files
     * under baseDir/bucket/key.
     */
    public static EmbeddedS3Server start(Path baseDir, int port, String accessKey, String secretKey) throws Exception {
        Files.createDirectories(baseDir);
        removeTemporaryFiles(baseDir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().normalize().toString());
        ObservedBlobStore blobStore = new ObservedBlobStore(BlobStores.create("filesystem", properties));
        S3Proxy proxy = S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .jettyMaxThreads(64)
            .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            if (proxy.getState().equals("FAILED")) {
                throw new IOException("embedded S3 server failed to start on 127.0.0.1:" + port);
            }
            Thread.sleep(10);
        }
        return new EmbeddedS3Server(proxy, "http://127.0.0.1:" + proxy.getPort(), blobStore);
    }

    /**
     * Whether the key is an upload S3Proxy had not finished (see
     * {@link #TEMPORARY_FILE}).
     */
    public static boolean isTemporaryFile(String key) {
        return TEMPORARY_FILE.matcher(key.substring(key.lastIndexOf('/') + 1)).matches();
    }

    /**
     * Whether the key is the embedded server's bookkeeping rather than a client's object:
     * an unfinished upload or a multipart upload's stub or part. Such keys are never
     * events and never listed.
     */
    public static boolean isBookkeeping(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return isTemporaryFile(key)
                || MULTIPART_PREFIXES.stream().anyMatch(prefix -> name.startsWith(prefix) || key.startsWith(prefix));
    }

    /**
     * Deletes what interrupted uploads left; called before the server starts, so none is
     * being written.
     */
    static int removeTemporaryFiles(Path baseDir) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(baseDir)) {
            leftovers = files.filter(Files::isRegularFile)
                .filter(file -> isTemporaryFile(file.getFileName().toString()))
                .toList();
        }
        for (Path file : leftovers) {
            Files.deleteIfExists(file);
        }
        if (!leftovers.isEmpty()) {
            log.info("Removed {} unfinished upload file(s) that a stop of the embedded S3 server left in {}",
                    leftovers.size(), baseDir);
        }
        return leftovers.size();
    }

    /**
     * Hears of every write and delete made through this server's S3 API, once it
     * succeeded.
     */
    public void onChange(StorageChangeListener listener) {
        blobStore.addListener(listener);
    }

    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

}
