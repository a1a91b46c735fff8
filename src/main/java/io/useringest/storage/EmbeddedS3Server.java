package io.useringest.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/** The in-process S3-compatible server (S3Proxy over a folder) used when no external endpoint is configured. */
public final class EmbeddedS3Server implements AutoCloseable {

    private final S3Proxy proxy;
    private final String endpoint;

    private EmbeddedS3Server(S3Proxy proxy, String endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** Starts a server on 127.0.0.1:port (0 picks a free port) storing objects as files under baseDir/bucket/key. */
    public static EmbeddedS3Server start(Path baseDir, int port, String accessKey, String secretKey) throws Exception {
        Files.createDirectories(baseDir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().normalize().toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
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
        return new EmbeddedS3Server(proxy, "http://127.0.0.1:" + proxy.getPort());
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
