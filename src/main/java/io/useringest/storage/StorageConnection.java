package io.useringest.storage;

import io.minio.errors.ErrorResponseException;
import io.useringest.config.InvalidSettingException;
import io.useringest.config.Settings;
import java.net.BindException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The configured object store, ready to use: the embedded server started when no endpoint
 * is set, the credentials checked, and the source and output buckets created when
 * missing.
 */
public final class StorageConnection implements AutoCloseable {

    private static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "InvalidToken", "AuthorizationHeaderMalformed");

    private final ObjectStore store;

    private final String endpoint;

    private final @Nullable EmbeddedS3Server embedded;

    private final @Nullable EmbeddedServerFile serverFile;

    private final boolean settingsEmbedded;

    private StorageConnection(ObjectStore store, String endpoint, @Nullable EmbeddedS3Server embedded,
            @Nullable EmbeddedServerFile serverFile, boolean settingsEmbedded) {
        this.store = store;
        this.settingsEmbedded = settingsEmbedded;
        this.endpoint = endpoint;
        this.embedded = embedded;
        this.serverFile = serverFile;
    }

    public static StorageConnection open(Settings settings) {
        EmbeddedS3Server embedded = null;
        EmbeddedServerFile serverFile = null;
        String endpoint = settings.storageEndpoint();
        if (settings.embeddedStorage()) {
            EmbeddedServerFile.Claim claim = EmbeddedServerFile.claim(settings.dataDir(), 30_000);
            if (claim instanceof EmbeddedServerFile.Theirs theirs) {
                if (theirs.endpoint().isEmpty()) {
                    throw new InvalidSettingException("DATA_DIR",
                            "another process holds "
                                    + settings.dataDir().resolve(EmbeddedServerFile.NAME).toAbsolutePath().normalize()
                                    + " but has not said where its S3 server listens; is it still starting?");
                }
                // The service already serves this directory (the process command beside
                // it): its server is used, not a second one over the same files.
                endpoint = theirs.endpoint();
            }
            else {
                serverFile = ((EmbeddedServerFile.Ours) claim).file();
                try {
                    embedded = startEmbedded(settings);
                }
                catch (RuntimeException e) {
                    serverFile.close();
                    throw e;
                }
                endpoint = embedded.endpoint();
                serverFile.announce(endpoint);
            }
        }
        ObjectStore store = MinioClients.objectStore(endpoint, settings.storageRegion(), settings.storageAccessKey(),
                settings.storageSecretKey(), settings.readConcurrency(),
                settings.listByFolder() ? ObjectStore.Listing.BY_FOLDER : ObjectStore.Listing.RECURSIVE);
        try {
            store.createBucketIfMissing(settings.sourceBucket());
            store.createBucketIfMissing(settings.outputBucket());
        }
        catch (StorageException e) {
            closeQuietly(embedded);
            if (serverFile != null) {
                serverFile.close();
            }
            throw explain(e, endpoint);
        }
        return new StorageConnection(store, endpoint, embedded, serverFile, settings.embeddedStorage());
    }

    private static EmbeddedS3Server startEmbedded(Settings settings) {
        try {
            return EmbeddedS3Server.start(settings.dataDir().resolve("s3"), settings.storageEmbeddedPort(),
                    settings.storageAccessKey(), settings.storageSecretKey());
        }
        catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new InvalidSettingException("STORAGE_EMBEDDED_PORT", "port " + settings.storageEmbeddedPort()
                            + " on 127.0.0.1 is in use; choose another port or stop what uses it");
                }
            }
            throw new InvalidSettingException("DATA_DIR", "the embedded S3 server cannot start over "
                    + settings.dataDir().resolve("s3").toAbsolutePath() + " (" + e.getMessage() + ")");
        }
    }

    private static InvalidSettingException explain(StorageException e, String endpoint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException response) {
                String code = response.errorResponse().code();
                if (CREDENTIAL_ERRORS.contains(code)) {
                    return new InvalidSettingException("STORAGE_ACCESS_KEY/STORAGE_SECRET_KEY",
                            endpoint + " rejected the credentials (" + code + ")");
                }
                return new InvalidSettingException("STORAGE_ENDPOINT", endpoint + " answered " + code);
            }
        }
        return new InvalidSettingException("STORAGE_ENDPOINT",
                "cannot reach " + endpoint + " (" + ObjectStore.describe(e) + ")");
    }

    public ObjectStore store() {
        return store;
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * Hears of writes through the embedded server's S3 API; nothing is heard from an
     * external endpoint this way.
     */
    public void onEmbeddedChange(StorageChangeListener listener) {
        if (embedded != null) {
            embedded.onChange(listener);
        }
    }

    public boolean embedded() {
        return embedded != null;
    }

    /**
     * Whether the embedded server of another process on the same DATA_DIR is used (the
     * service's, by the process command).
     */
    public boolean embeddedOfAnotherProcess() {
        return settingsEmbedded && embedded == null;
    }

    @Override
    public void close() {
        store.disconnect();
        closeQuietly(embedded);
        if (serverFile != null) {
            serverFile.close();
        }
    }

    private static void closeQuietly(@Nullable EmbeddedS3Server server) {
        if (server != null) {
            try {
                server.close();
            }
            catch (Exception e) {
                // stopping: nothing more to do
            }
        }
    }

}
