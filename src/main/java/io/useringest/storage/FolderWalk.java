package io.useringest.storage;

import io.minio.ListObjectsV2Args;
import io.minio.MinioAsyncClient;
import io.minio.messages.Item;
import io.minio.messages.ListBucketResultV2;
import io.minio.messages.ListObjectsResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Every object below a prefix, in S3 key order, listed one folder at a time: a delimiter
 * listing per folder, walked depth-first. The embedded server (S3Proxy's filesystem
 * store) walks the whole prefix again for every page of a recursive listing, so a
 * recursive listing costs the square of the objects below it; a folder's pages cost only
 * that folder. Holds one page per open folder.
 *
 * <p>
 * Key order holds because every key below a folder sorts where the folder's own name
 * sorts among its siblings, so the objects and sub-folders of one page, merged by name,
 * with each sub-folder expanded in place, come out in the order of a recursive listing.
 */
final class FolderWalk implements Iterator<StoredObject> {

    private static final String DELIMITER = "/";

    private final MinioAsyncClient client;

    private final String bucket;

    private final Deque<Folder> open = new ArrayDeque<>();

    private @Nullable StoredObject next;

    FolderWalk(MinioAsyncClient client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        open.push(new Folder(prefix));
    }

    @Override
    public boolean hasNext() {
        while (next == null && !open.isEmpty()) {
            Folder folder = open.peek();
            if (folder.entries.isEmpty()) {
                if (folder.exhausted) {
                    open.pop();
                }
                else {
                    readPage(folder);
                }
                continue;
            }
            Entry entry = folder.entries.poll();
            StoredObject object = entry.object();
            if (object == null) {
                // A server that named the folder itself as its own sub-folder would
                // otherwise loop forever.
                if (entry.key().length() > folder.prefix.length()) {
                    open.push(new Folder(entry.key()));
                }
            }
            else if (!object.key().endsWith(DELIMITER)) {
                next = object;
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

    private void readPage(Folder folder) {
        ListBucketResultV2 page;
        try {
            page = client
                .listObjectsV2(ListObjectsV2Args.builder()
                    .bucket(bucket)
                    .prefix(folder.prefix)
                    .delimiter(DELIMITER)
                    .encodingType("url")
                    .continuationToken(folder.continuation)
                    .build())
                .join()
                .result();
        }
        catch (CompletionException e) {
            throw new StorageException("list " + bucket + "/" + folder.prefix + ": "
                    + ObjectStore.describe(e.getCause() == null ? e : e.getCause()), e);
        }
        catch (Exception e) {
            throw new StorageException("list " + bucket + "/" + folder.prefix + ": " + ObjectStore.describe(e), e);
        }
        Deque<Entry> objects = new ArrayDeque<>();
        // With encoding-type=url the names come URL-encoded; an Item decodes once told
        // the encoding.
        for (Item item : page.contents()) {
            item.setEncodingType(page.encodingType());
            objects.add(Entry
                .of(new StoredObject(item.objectName(), item.etag(), item.size(), item.lastModified().toInstant())));
        }
        Deque<Entry> folders = new ArrayDeque<>();
        for (ListObjectsResult.Prefix prefix : page.commonPrefixes()) {
            Item item = prefix.toItem();
            item.setEncodingType(page.encodingType());
            folders.add(Entry.folder(item.objectName()));
        }
        // The response lists objects and sub-folders separately, each in key order; merge
        // them.
        while (!objects.isEmpty() || !folders.isEmpty()) {
            boolean objectFirst = folders.isEmpty()
                    || !objects.isEmpty() && KeyOrder.compare(objects.peek().key(), folders.peek().key()) < 0;
            folder.entries.add(objectFirst ? objects.poll() : folders.poll());
        }
        folder.continuation = page.nextContinuationToken();
        folder.exhausted = !page.isTruncated() || folder.continuation == null;
    }

    private static final class Folder {

        final String prefix;

        final Deque<Entry> entries = new ArrayDeque<>();

        @Nullable String continuation;

        boolean exhausted;

        Folder(String prefix) {
            this.prefix = prefix;
        }

    }

    private record Entry(String key, @Nullable StoredObject object) {
        static Entry of(StoredObject object) {
            return new Entry(object.key(), object);
        }

        static Entry folder(String prefix) {
            return new Entry(prefix, null);
        }

        boolean isFolder() {
            return object == null;
        }
    }

}
