package io.useringest.source;

import io.useringest.storage.ObjectStore;
import io.useringest.storage.StorageException;
import io.useringest.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one new or changed source object into the user files it holds, downloading only
 * CSVs and archives.
 */
public final class SourceObjectReader {

    private static final Logger log = LoggerFactory.getLogger(SourceObjectReader.class);

    private final ObjectStore store;

    private final String bucket;

    private final UserCsvParser parser;

    public SourceObjectReader(ObjectStore store, String bucket, UserCsvParser parser) {
        this.store = store;
        this.bucket = bucket;
        this.parser = parser;
    }

    /**
     * Whether reading this object needs a download (the caller runs those in parallel).
     */
    public static boolean needsDownload(StoredObject object) {
        SourceName name = SourceName.of(object.key());
        return switch (name.kind()) {
            case CSV -> name.validUserId() && object.size() <= UserCsvParser.MAX_CSV_BYTES;
            case ARCHIVE -> true;
            default -> false;
        };
    }

    /**
     * Whatever the object holds, the answer is its contents or its rejection: only a
     * storage failure escapes, so no single object can fail a run.
     */
    public ObjectContents read(StoredObject object) {
        try {
            return readObject(object);
        }
        catch (StorageException e) {
            throw e;
        }
        catch (RuntimeException e) {
            log.warn("{} could not be read; rejected", object.key(), e);
            return new ObjectContents(object, List.of(), "could not be read (" + Reasons.plain(e) + ")", List.of(),
                    true);
        }
    }

    private ObjectContents readObject(StoredObject object) {
        SourceName name = SourceName.of(object.key());
        long modified = object.lastModified().toEpochMilli();
        return switch (name.kind()) {
            case IGNORED -> new ObjectContents(object, List.of(), null, List.of(), false);
            case ARCHIVE -> readArchive(object, modified);
            case CSV, IMAGE -> {
                if (!name.validUserId()) {
                    yield single(object, SourceEntry.rejected(object.key(), "", "", name.kind(), modified,
                            name.invalidUserIdReason()), false);
                }
                if (name.kind() == FileKind.IMAGE) {
                    String rejection = object.size() > ArchiveReader.MAX_IMAGE_BYTES
                            ? "is larger than 20 MiB, the limit for a user image" : null;
                    yield single(object,
                            rejection == null
                                    ? SourceEntry.image(object.key(), "", name.userId(), modified, name.extension())
                                    : SourceEntry.rejected(object.key(), "", name.userId(), FileKind.IMAGE, modified,
                                            rejection),
                            false);
                }
                if (object.size() > UserCsvParser.MAX_CSV_BYTES) {
                    yield single(object, csvEntry(object.key(), "", name, modified, UserCsvParser.tooLarge()), false);
                }
                yield single(object, csvEntry(object.key(), "", name, modified, download(object)), true);
            }
        };
    }

    private ParsedCsv download(StoredObject object) {
        try (InputStream in = store.read(bucket, object.key())) {
            return parser.parse(in);
        }
        catch (IOException e) {
            throw new StorageException("read " + bucket + "/" + object.key() + ": " + e.getMessage(), e);
        }
    }

    private ObjectContents readArchive(StoredObject object, long modified) {
        List<SourceEntry> entries = new ArrayList<>();
        try {
            List<String> warnings = ArchiveReader.read(object.key(),
                    ArchiveBytes.stored(store, bucket, object.key(), object.size()), false, (entryName, name,
                            content) -> entries.add(archiveEntry(object.key(), entryName, name, modified, content)));
            return new ObjectContents(object, entries, null, warnings, true);
        }
        catch (ArchiveReader.ArchiveRejected e) {
            return new ObjectContents(object, List.of(), e.reason(), List.of(), true);
        }
    }

    private SourceEntry archiveEntry(String key, String entryName, SourceName name, long modified,
            byte @Nullable [] content) {
        if (!name.validUserId()) {
            return SourceEntry.rejected(key, entryName, "", name.kind(), modified, name.invalidUserIdReason());
        }
        if (name.kind() == FileKind.IMAGE) {
            return content == null
                    ? SourceEntry.rejected(key, entryName, name.userId(), FileKind.IMAGE, modified,
                            "is larger than 20 MiB, the limit for a user image")
                    : SourceEntry.image(key, entryName, name.userId(), modified, name.extension());
        }
        // The archive reader withholds only a too large image's bytes.
        Objects.requireNonNull(content, "a CSV entry's bytes");
        ParsedCsv parsed = content.length > UserCsvParser.MAX_CSV_BYTES ? UserCsvParser.tooLarge()
                : parser.parse(content);
        return csvEntry(key, entryName, name, modified, parsed);
    }

    private static SourceEntry csvEntry(String key, String entryName, SourceName name, long modified,
            ParsedCsv parsed) {
        if (parsed instanceof ParsedCsv.Valid valid) {
            return SourceEntry.csv(key, entryName, name.userId(), modified, valid.user());
        }
        return SourceEntry.rejected(key, entryName, name.userId(), FileKind.CSV, modified,
                ((ParsedCsv.Rejected) parsed).reason());
    }

    private static ObjectContents single(StoredObject object, SourceEntry entry, boolean downloaded) {
        return new ObjectContents(object, List.of(entry), null, List.of(), downloaded);
    }

}
