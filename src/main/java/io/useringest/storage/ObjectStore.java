package io.useringest.storage;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.Directive;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import java.io.EOFException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The S3 operations the service needs, over the MinIO client; every failure becomes a
 * {@link StorageException}.
 */
public class ObjectStore {

    private static final int DELETE_BATCH = 1000;

    /**
     * How {@link #list} walks a prefix; both give every object below it, at any depth, in
     * key order.
     */
    public enum Listing {

        /**
         * One recursive listing: a request per page of the result, what MinIO and S3
         * serve best.
         */
        RECURSIVE,
        /**
         * A delimiter listing per folder, depth-first: a request per folder more, but
         * each page costs only its folder on servers that walk the whole prefix for every
         * page of a recursive listing (the embedded one). Uploads the embedded server has
         * not finished are left out.
         */
        BY_FOLDER

    }

    private final MinioClient client;

    private final MinioAsyncClient pages;

    private final Listing listing;

    private final Runnable disconnect;

    /** Built by {@link MinioClients#objectStore}. */
    ObjectStore(MinioClient client, MinioAsyncClient pages, Listing listing, Runnable disconnect) {
        this.client = client;
        this.pages = pages;
        this.listing = listing;
        this.disconnect = disconnect;
    }

    /**
     * Closes the idle connections kept for later requests: a server stopping gracefully
     * (the embedded one) waits for its open connections to close.
     */
    public void disconnect() {
        disconnect.run();
    }

    public boolean bucketExists(String bucket) {
        return call("check bucket " + bucket,
                () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    /**
     * Creates the bucket unless it is there. Instances that start together race between
     * the check and the creation; the loser is told the bucket is already there, which is
     * what it wanted.
     */
    public void createBucketIfMissing(String bucket) {
        if (bucketExists(bucket)) {
            return;
        }
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw new StorageException("create bucket " + bucket + ": " + e.getMessage(), e);
            }
        }
        catch (Exception e) {
            throw new StorageException("create bucket " + bucket + ": " + describe(e), e);
        }
    }

    /** Every object below the prefix, at any depth, lazily page by page, in key order. */
    public Stream<StoredObject> list(String bucket, String prefix) {
        if (listing == Listing.RECURSIVE) {
            return StreamSupport
                .stream(Spliterators.spliteratorUnknownSize(recursive(bucket, prefix), Spliterator.ORDERED), false);
        }
        return StreamSupport
            .stream(Spliterators.spliteratorUnknownSize(new FolderWalk(pages, bucket, prefix), Spliterator.ORDERED),
                    false)
            .filter(object -> !EmbeddedS3Server.isBookkeeping(object.key()));
    }

    private Iterator<StoredObject> recursive(String bucket, String prefix) {
        Iterable<Result<Item>> results = client
            .listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build());
        Iterator<Result<Item>> it = results.iterator();
        return new Iterator<>() {
            private @Nullable StoredObject next;

            @Override
            public boolean hasNext() {
                while (next == null && call("list " + bucket + "/" + prefix, it::hasNext)) {
                    Item item = call("list " + bucket + "/" + prefix, () -> it.next().get());
                    if (!item.objectName().endsWith("/")) {
                        next = new StoredObject(item.objectName(), item.etag(), item.size(),
                                item.lastModified().toInstant());
                    }
                }
                return next != null;
            }

            @Override
            public StoredObject next() {
                StoredObject object = hasNext() ? next : null;
                if (object == null) {
                    throw new NoSuchElementException();
                }
                next = null;
                return object;
            }
        };
    }

    public boolean isEmpty(String bucket, String prefix) {
        try (Stream<StoredObject> objects = list(bucket, prefix)) {
            return objects.findAny().isEmpty();
        }
    }

    /** Opens the object's content; the caller closes the stream. */
    public InputStream read(String bucket, String key) {
        return call("read " + bucket + "/" + key,
                () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /**
     * Opens {@code length} bytes of the object from {@code offset}; an empty range opens
     * an empty stream.
     */
    public InputStream read(String bucket, String key, long offset, long length) {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        return call("read " + bucket + "/" + key, () -> client
            .getObject(GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length).build()));
    }

    public Optional<StoredObject> stat(String bucket, String key) {
        try {
            var response = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional
                .of(new StoredObject(key, response.etag(), response.size(), response.lastModified().toInstant()));
        }
        catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            if (isRefusedObject(e)) {
                throw new ObjectRefusedException("stat " + bucket + "/" + key + ": the store answered "
                        + e.response().code() + " (" + e.getMessage() + ")", e);
            }
            throw new StorageException("stat " + bucket + "/" + key + ": " + e.getMessage(), e);
        }
        catch (Exception e) {
            throw new StorageException("stat " + bucket + "/" + key + ": " + describe(e), e);
        }
    }

    public void put(String bucket, String key, byte[] content, String contentType) {
        call("write " + bucket + "/" + key,
                () -> client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .data(content, content.length)
                    .contentType(contentType)
                    .build()));
    }

    public void put(String bucket, String key, Path file, String contentType) {
        call("write " + bucket + "/" + key, () -> {
            try (InputStream in = Files.newInputStream(file)) {
                return client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(in, Files.size(file), null)
                    .contentType(contentType)
                    .build());
            }
        });
    }

    /**
     * Server-side copy; the copy gets {@code contentType}. Returns false when the source
     * does not exist.
     */
    public boolean copyIfPresent(String sourceBucket, String sourceKey, String bucket, String key, String contentType) {
        return copy(SourceObject.builder().bucket(sourceBucket).object(sourceKey).build(), bucket, key,
                contentType) != CopyResult.MISSING;
    }

    /**
     * Server-side copy of an object whose ETag and size are known (a listing's): the copy
     * names both, so the client sends no HEAD for the size first, and is made only if the
     * source still has that ETag. If it changed since, the object as it is now is copied.
     * Returns false when the source does not exist.
     */
    public boolean copyIfPresent(String sourceBucket, StoredObject source, String bucket, String key,
            String contentType) {
        return switch (copyIfUnchanged(sourceBucket, source, bucket, key, contentType)) {
            case COPIED -> true;
            case MISSING -> false;
            case CHANGED -> copyIfPresent(sourceBucket, source.key(), bucket, key, contentType);
        };
    }

    /**
     * The copy of {@link #copyIfPresent(String, StoredObject, String, String, String)},
     * made only if the source still has the ETag given; an object listed without one is
     * copied as it is.
     */
    CopyResult copyIfUnchanged(String sourceBucket, StoredObject source, String bucket, String key,
            String contentType) {
        SourceObject named = SourceObject.builder().bucket(sourceBucket).object(source.key()).build();
        return copy(source.etag().isEmpty() ? named : new SourceObject(named, source.size(), source.etag()), bucket,
                key, contentType);
    }

    private CopyResult copy(SourceObject source, String bucket, String key, String contentType) {
        try {
            client.copyObject(CopyObjectArgs.builder()
                .bucket(bucket)
                .object(key)
                .source(source)
                .metadataDirective(Directive.REPLACE)
                .headers(Map.of("Content-Type", contentType))
                .build());
            return CopyResult.COPIED;
        }
        catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return CopyResult.MISSING;
            }
            if (e.response().code() == 412) {
                return CopyResult.CHANGED;
            }
            throw new StorageException("copy " + source.bucket() + "/" + source.object() + ": " + describe(e), e);
        }
        catch (Exception e) {
            throw new StorageException("copy " + source.bucket() + "/" + source.object() + " to " + bucket + "/" + key
                    + ": " + describe(e), e);
        }
    }

    /**
     * A 4xx about the object itself; 401 and 403 are left out, since refused credentials
     * refuse every object alike and retrying later is what helps.
     */
    private static boolean isRefusedObject(ErrorResponseException e) {
        int status = e.response().code();
        return status >= 400 && status < 500 && status != 401 && status != 403;
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || e.response().code() == 404;
    }

    /** Deletes the keys (missing ones are fine), in batches of a thousand. */
    public void delete(String bucket, Collection<String> keys) {
        List<DeleteRequest.Object> batch = new ArrayList<>(Math.min(keys.size(), DELETE_BATCH));
        for (String key : keys) {
            batch.add(new DeleteRequest.Object(key));
            if (batch.size() == DELETE_BATCH) {
                deleteBatch(bucket, batch);
                batch = new ArrayList<>(DELETE_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(bucket, batch);
        }
    }

    private void deleteBatch(String bucket, List<DeleteRequest.Object> batch) {
        // removeObjects is lazy: the request is sent while its results are iterated.
        for (Result<DeleteResult.Error> result : client
            .removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
            DeleteResult.Error error = call("delete in " + bucket, result::get);
            throw new StorageException("delete " + bucket + "/" + error.objectName() + ": " + error.message(), null);
        }
    }

    /**
     * What a message-less or terse network failure means, in words instead of its class
     * name.
     */
    private static @Nullable String meaning(Throwable root) {
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host";
        }
        if (root instanceof EOFException) {
            return "connection closed early";
        }
        return null;
    }

    @FunctionalInterface
    private interface StorageCall<T> {

        T run() throws Exception;

    }

    private static <T> T call(String what, StorageCall<T> call) {
        try {
            return call.run();
        }
        catch (StorageException e) {
            throw e;
        }
        catch (Exception e) {
            throw new StorageException(what + ": " + describe(e), e);
        }
    }

    /**
     * The most telling message in the cause chain, for people: a connection refusal beats
     * a wrapper's generic text, and no Java class name is shown (a message-less failure
     * is named by what it means).
     */
    static String describe(Throwable e) {
        if (e instanceof ErrorResponseException ere) {
            return ere.errorResponse().code() + " (" + ere.errorResponse().message() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String meaning = meaning(root);
        if (message == null || message.isBlank()) {
            return meaning == null ? "I/O failure" : meaning;
        }
        boolean said = meaning == null || message.toLowerCase(Locale.ROOT).contains(meaning);
        return said ? message : message + " (" + meaning + ")";
    }

    /** How a copy made only if its source is unchanged went. */
    enum CopyResult {

        COPIED, MISSING, CHANGED

    }

}
