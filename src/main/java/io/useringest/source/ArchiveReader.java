package io.useringest.source;

import io.useringest.storage.StorageException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Streams a {@code .zip} archive entry by entry, never holding more than one user file of it in memory, and stops
 * as soon as the inflated bytes pass the zip-bomb limits.
 */
public final class ArchiveReader {

    public static final long MAX_INFLATED_BYTES = 1024L * 1024 * 1024;
    public static final long MAX_INFLATION_RATIO = 100;
    public static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;

    /** What to do with one user file inside the archive; {@code content} is null when an image is over 20 MiB. */
    public interface EntryVisitor {
        void visit(String entryName, SourceName name, byte[] content);
    }

    /** A reason the archive as a whole is rejected. */
    public static final class ArchiveRejected extends Exception {
        ArchiveRejected(String reason) {
            super(reason);
        }
    }

    private ArchiveReader() {
    }

    /**
     * Reads every entry. CSV contents are passed whole (at most 1 MiB + 1 byte, so the caller can see it is too
     * large); image contents are passed only when {@code wantImages} is true, otherwise as an empty array with
     * the size checked. Returns the warnings (nested archives skipped).
     */
    public static List<String> read(String archiveKey, long archiveSize, InputStream download, boolean wantImages,
                                    EntryVisitor visitor) throws ArchiveRejected {
        StorageReadFailure storage = new StorageReadFailure(download);
        long limit = Math.min(MAX_INFLATED_BYTES, Math.max(archiveSize, 1) * MAX_INFLATION_RATIO);
        List<String> warnings = new ArrayList<>();
        try {
            BufferedInputStream buffered = new BufferedInputStream(storage, 64 * 1024);
            requireZipSignature(buffered);
            ZipInputStream zip = new ZipInputStream(buffered);
            long inflated = 0;
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String entryName = entry.getName();
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
                byte[] buffer = new byte[16 * 1024];
                long entryBytes = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    inflated += n;
                    entryBytes += n;
                    if (inflated > limit) {
                        throw new ArchiveRejected(bombReason(limit));
                    }
                    if (content != null && entryBytes <= cap) {
                        content.write(buffer, 0, (int) Math.min(n, cap - (entryBytes - n)));
                    }
                }
                if (skipped || name.kind() == FileKind.IGNORED) {
                    continue;
                }
                if (name.kind() == FileKind.IMAGE && !wantImages) {
                    visitor.visit(entryName, name, entryBytes > MAX_IMAGE_BYTES ? null : new byte[0]);
                } else {
                    byte[] bytes = content.toByteArray();
                    visitor.visit(entryName, name, name.kind() == FileKind.IMAGE && entryBytes > MAX_IMAGE_BYTES
                            ? null : bytes);
                }
            }
            return warnings;
        } catch (IOException e) {
            if (storage.failure() != null) {
                throw new StorageException("read " + archiveKey + ": " + storage.failure().getMessage(), e);
            }
            throw new ArchiveRejected("is not a readable zip archive (" + e.getMessage() + ")");
        }
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

    private static boolean isMacMetadata(String entryName) {
        return entryName.startsWith("__MACOSX/") || entryName.contains("/__MACOSX/");
    }

    private static String bombReason(long limit) {
        return limit == MAX_INFLATED_BYTES
                ? "inflates past 1 GiB in total; rejected as a zip bomb, split it into smaller archives"
                : "inflates past " + MAX_INFLATION_RATIO + " times its compressed size; rejected as a zip bomb";
    }
}
