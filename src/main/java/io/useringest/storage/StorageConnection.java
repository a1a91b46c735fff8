package io.useringest.storage;

import io.minio.errors.ErrorResponseException;
import io.useringest.config.InvalidSettingException;
import io.useringest.config.Settings;
import java.net.BindException;
import java.util.Set;

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

    private final EmbeddedS3Server embedded;

    private StorageConnection(ObjectStore store, String endpoint, EmbeddedS3Server embedded) {
        this.store = store;
        this.endpoint = endpoint;
        this.embedded = embedded;
    }

    public static StorageConnection open(Settings settings) {
        EmbeddedS3Server embedded = null;
        String endpoint = settings.storageEndpoint();
        if (settings.embeddedStorage()) {
            embedded = startEmbedded(settings);
            endpoint = embedded.endpoint();
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
            throw explain(e, endpoint);
        }
        return new StorageConnection(store, endpoint, embedded);
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

    @Override
    public void close() {
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedS3Server server) {
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
