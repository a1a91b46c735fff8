package io.useringest.source;

import io.useringest.storage.StorageException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams a {@code .zip} archive entry by entry, never holding more than one user file of
 * it in memory. An archive is read only when it is whole: its end record is at its end
 * and the entries streamed are exactly those its central directory lists, in the same
 * order. Anything else, and anything it cannot read (zip bombs, encryption, unsupported
 * compression, the same entry twice), rejects the archive as a whole with a reason.
 */
public final class ArchiveReader {

    public static final long MAX_INFLATED_BYTES = 1024L * 1024 * 1024;

    public static final long MAX_INFLATION_RATIO = 100;

    public static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;

    /**
     * Stored, deflate, deflate64, bzip2: what Commons Compress reads with no optional
     * library (xz would need one).
     */
    private static final Set<Integer> READABLE_METHODS = Set.of(0, 8, 9, 12);

    /**
     * What to do with one user file inside the archive; {@code content} is null when an
     * image is over 20 MiB.
     */
    public interface EntryVisitor {

        void visit(String entryName, SourceName name, byte @Nullable [] content);

    }

    /** A reason the archive as a whole is rejected. */
    public static final class ArchiveRejected extends Exception {

        private final String reason;

        ArchiveRejected(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        /** Why the archive is rejected, as the run report and the console show it. */
        public String reason() {
            return reason;
        }

    }

    private ArchiveReader() {
    }

    /**
     * Reads every entry. CSV contents are passed whole (at most 1 MiB + 1 byte, so the
     * caller can see it is too large); image contents are passed only when
     * {@code wantImages} is true, otherwise as an empty array with the size checked. The
     * visitor sees each entry as it is streamed; whether the archive is whole is known
     * only at its end, so a caller discards what it was given when this throws. Returns
     * the warnings (nested archives skipped).
     */
    public static List<String> read(String archiveKey, ArchiveBytes archive, boolean wantImages, EntryVisitor visitor)
            throws ArchiveRejected {
        return read(archiveKey, archive, wantImages, visitor, MAX_INFLATED_BYTES);
    }

    /**
     * The same with another cap on the total inflated bytes (tests check the rule without
     * inflating 1 GiB).
     */
    static List<String> read(String archiveKey, ArchiveBytes archive, boolean wantImages, EntryVisitor visitor,
            long maxInflated) throws ArchiveRejected {
        WatchedDownload storage = null;
        try (InputStream download = archive.open()) {
            storage = new WatchedDownload(download);
            BufferedInputStream buffered = new BufferedInputStream(storage, 64 * 1024);
            requireZipSignature(buffered);
            try (ZipDirectory directory = ZipDirectory.open(archive)) {
                return readEntries(archiveKey, archive.size(), buffered, directory, wantImages, visitor, maxInflated);
            }
        }
        catch (UnsupportedZipFeatureException e) {
            throw new ArchiveRejected(unsupported(e));
        }
        catch (IOException | RuntimeException e) {
            if (storage != null && storage.failure() != null) {
                throw new StorageException("read " + archiveKey + ": " + storage.failure().getMessage(), e);
            }
            if (e instanceof StorageException storageFailure) {
                throw storageFailure;
            }
            throw new ArchiveRejected("is not a readable zip archive (" + Reasons.plain(e) + ")");
        }
    }

    private static List<String> readEntries(String archiveKey, long archiveSize, InputStream in, ZipDirectory directory,
            boolean wantImages, EntryVisitor visitor, long maxInflated) throws IOException, ArchiveRejected {
        long limit = Math.min(maxInflated, Math.max(archiveSize, 1) * MAX_INFLATION_RATIO);
        List<String> warnings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long inflated = 0;
        ZipArchiveInputStream zip = new ZipArchiveInputStream(in, StandardCharsets.UTF_8.name(), true, true);
        ZipArchiveEntry entry;
        byte[] buffer = new byte[16 * 1024];
        while ((entry = zip.getNextEntry()) != null) {
            byte[] listed = directory.nextName();
            if (listed == null) {
                throw ZipDirectory
                    .damaged("it holds more entries than the " + directory.entries() + " its central directory lists");
            }
            if (!ZipDirectory.sameName(entry.getRawName(), listed)) {
                throw ZipDirectory.damaged("entry " + directory.recordsRead() + " is \"" + entryName(entry)
                        + "\" but its central directory lists \""
                        + Reasons.sanitize(new String(listed, StandardCharsets.UTF_8)) + "\" there");
            }
            String entryName = entryName(entry);
            if (!names.add(entryName)) {
                throw new ArchiveRejected("holds the entry \"" + entryName + "\" twice; tools disagree on which one "
                        + "counts, so the archive is rejected as a whole: keep one of them");
            }
            if (!zip.canReadEntryData(entry) || !READABLE_METHODS.contains(entry.getMethod())) {
                throw new ArchiveRejected(unsupportedEntry(entryName, entry));
            }
            SourceName name = SourceName.of(entryName);
            boolean skipped = entry.isDirectory() || isMacMetadata(entryName) || name.basename().startsWith(".");
            if (!skipped && name.kind() == FileKind.ARCHIVE) {
                warnings.add(SourceEntry.displayKey(archiveKey, entryName)
                        + ": nested archive skipped; put its files in the outer archive or upload it loose");
                skipped = true;
            }
            boolean keep = !skipped && (name.kind() == FileKind.CSV || (wantImages && name.kind() == FileKind.IMAGE));
            long cap = name.kind() == FileKind.CSV ? UserCsvParser.MAX_CSV_BYTES + 1 : MAX_IMAGE_BYTES + 1;
            ByteArrayOutputStream content = keep ? new ByteArrayOutputStream() : null;
            long entryBytes = 0;
            int n;
            while ((n = zip.read(buffer)) > 0) {
                inflated += n;
                entryBytes += n;
                if (inflated > limit) {
                    throw new ArchiveRejected(bombReason(limit, maxInflated));
                }
                if (content != null && entryBytes <= cap) {
                    content.write(buffer, 0, (int) Math.min(n, cap - (entryBytes - n)));
                }
            }
            if (skipped || name.kind() == FileKind.IGNORED) {
                continue;
            }
            boolean tooLargeImage = name.kind() == FileKind.IMAGE && entryBytes > MAX_IMAGE_BYTES;
            visitor.visit(entryName, name,
                    tooLargeImage ? null : content == null ? new byte[0] : content.toByteArray());
        }
        if (directory.nextName() != null) {
            throw ZipDirectory.damaged("its central directory lists " + directory.entries() + " entries but only "
                    + (directory.recordsRead() - 1) + " were found");
        }
        return warnings;
    }

    /**
     * The entry's name as UTF-8 (bytes that are not become U+FFFD), with control
     * characters made visible.
     */
    private static String entryName(ZipArchiveEntry entry) {
        return Reasons.sanitize(new String(entry.getRawName(), StandardCharsets.UTF_8));
    }

    private static void requireZipSignature(BufferedInputStream in) throws IOException, ArchiveRejected {
        in.mark(4);
        byte[] signature = in.readNBytes(4);
        in.reset();
        boolean zip = signature.length == 4 && signature[0] == 'P' && signature[1] == 'K'
                && (signature[2] == 3 || signature[2] == 5) && (signature[3] == 4 || signature[3] == 6);
        if (!zip) {
            throw new ArchiveRejected("is not a zip archive (it does not start with a zip signature)");
        }
    }

    private static String unsupportedEntry(String entryName, ZipArchiveEntry entry) {
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            return "entry \"" + entryName + "\" is encrypted; the service reads only archives without a password";
        }
        return "entry \"" + entryName + "\" is compressed with a method the service cannot read (zip method "
                + entry.getMethod() + "; it reads stored, deflate, deflate64 and bzip2); pack the archive with deflate";
    }

    private static String unsupported(UnsupportedZipFeatureException e) {
        ZipArchiveEntry entry = e.getEntry();
        return entry == null ? "uses a zip feature the service cannot read (" + e.getFeature() + "); pack the archive "
                + "with the usual deflate method" : unsupportedEntry(entryName(entry), entry);
    }

    private static boolean isMacMetadata(String entryName) {
        return entryName.startsWith("__MACOSX/") || entryName.contains("/__MACOSX/");
    }

    private static String bombReason(long limit, long maxInflated) {
        return limit == maxInflated
                ? "inflates past " + size(maxInflated) + " in total; rejected as a zip bomb, split it into smaller "
                        + "archives"
                : "inflates past " + MAX_INFLATION_RATIO + " times its compressed size; rejected as a zip bomb";
    }

    private static String size(long bytes) {
        return bytes % (1024L * 1024 * 1024) == 0 ? bytes / (1024L * 1024 * 1024) + " GiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

}
