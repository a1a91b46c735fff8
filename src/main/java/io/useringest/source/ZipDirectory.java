package io.useringest.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A zip archive's own index, read from its tail: the end-of-central-directory record
 * (ZIP64 too) and then the central directory, one record at a time, so an archive can be
 * checked whole without holding its index. A truncated upload has no end record at its
 * end; an archive whose entries were cut or appended has a central directory that does
 * not match them.
 */
final class ZipDirectory implements AutoCloseable {

    private static final int END_SIG = 0x06054b50;

    private static final int END_LENGTH = 22;

    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;

    private static final int ZIP64_LOCATOR_LENGTH = 20;

    private static final int ZIP64_END_SIG = 0x06064b50;

    private static final int ZIP64_END_LENGTH = 56;

    private static final int CENTRAL_SIG = 0x02014b50;

    private static final int CENTRAL_LENGTH = 46;

    private static final int MAX_COMMENT = 0xFFFF;

    private final long entries;

    private final InputStream central;

    private long recordsRead;

    private ZipDirectory(long entries, InputStream central) {
        this.entries = entries;
        this.central = central;
    }

    /**
     * Finds the end record at the very end of the archive and opens its central
     * directory.
     */
    static ZipDirectory open(ArchiveBytes archive) throws IOException, ArchiveReader.ArchiveRejected {
        long size = archive.size();
        int tailLength = (int) Math.min(size, END_LENGTH + MAX_COMMENT + ZIP64_LOCATOR_LENGTH);
        byte[] tail;
        try (InputStream in = archive.open(size - tailLength, tailLength)) {
            tail = in.readNBytes(tailLength);
        }
        int end = findEndRecord(tail);
        if (end < 0) {
            throw new ArchiveReader.ArchiveRejected("is not a whole zip archive: its end record is missing (an upload "
                    + "cut short?); upload the archive again");
        }
        long endOffset = size - tailLength + end;
        if (u16(tail, end + 4) != 0 || u16(tail, end + 6) != 0) {
            throw new ArchiveReader.ArchiveRejected("is a zip archive split over several parts; upload it as one file");
        }
        long entries = u16(tail, end + 10);
        long centralSize = u32(tail, end + 12);
        long centralOffset = u32(tail, end + 16);
        long directoryEnd = endOffset;
        boolean zip64 = end >= ZIP64_LOCATOR_LENGTH && i32(tail, end - ZIP64_LOCATOR_LENGTH) == ZIP64_LOCATOR_SIG;
        if (zip64) {
            long recordOffset = u64(tail, end - ZIP64_LOCATOR_LENGTH + 8);
            if (recordOffset < 0 || recordOffset + ZIP64_END_LENGTH > endOffset) {
                throw damaged("its ZIP64 end record lies outside the archive");
            }
            byte[] record;
            try (InputStream in = archive.open(recordOffset, ZIP64_END_LENGTH)) {
                record = in.readNBytes(ZIP64_END_LENGTH);
            }
            if (record.length < ZIP64_END_LENGTH || i32(record, 0) != ZIP64_END_SIG) {
                throw damaged("its ZIP64 end record is missing");
            }
            entries = u64(record, 32);
            centralSize = u64(record, 40);
            centralOffset = u64(record, 48);
            directoryEnd = recordOffset;
        }
        if (centralOffset < 0 || centralSize < 0 || centralOffset + centralSize != directoryEnd) {
            throw damaged("its central directory does not end where its end record begins");
        }
        InputStream central = new BufferedInputStream(archive.open(centralOffset, centralSize), 64 * 1024);
        return new ZipDirectory(entries, central);
    }

    /**
     * The end record that ends exactly at the end of the tail (its comment length says
     * so), searched backwards.
     */
    private static int findEndRecord(byte[] tail) {
        for (int p = tail.length - END_LENGTH; p >= 0; p--) {
            if (i32(tail, p) == END_SIG && p + END_LENGTH + u16(tail, p + 20) == tail.length) {
                return p;
            }
        }
        return -1;
    }

    long entries() {
        return entries;
    }

    long recordsRead() {
        return recordsRead;
    }

    /**
     * The raw name of the next entry the central directory lists, or null after the last
     * one.
     */
    byte @Nullable [] nextName() throws IOException, ArchiveReader.ArchiveRejected {
        if (recordsRead == entries) {
            return null;
        }
        byte[] header = central.readNBytes(CENTRAL_LENGTH);
        if (header.length < CENTRAL_LENGTH || i32(header, 0) != CENTRAL_SIG) {
            throw damaged("its central directory is shorter than the " + entries + " entries its end record counts");
        }
        int nameLength = u16(header, 28);
        int skip = u16(header, 30) + u16(header, 32);
        byte[] name = central.readNBytes(nameLength);
        if (name.length < nameLength) {
            throw damaged("its central directory ends inside a record");
        }
        try {
            central.skipNBytes(skip);
        }
        catch (EOFException e) {
            throw damaged("its central directory ends inside a record");
        }
        recordsRead++;
        return name;
    }

    /**
     * Whether the local entry's raw name is the one the central directory lists at the
     * same place.
     */
    static boolean sameName(byte[] local, byte[] central) {
        return Arrays.equals(local, central);
    }

    static ArchiveReader.ArchiveRejected damaged(String what) {
        return new ArchiveReader.ArchiveRejected("is a damaged zip archive: " + what + "; create it again");
    }

    @Override
    public void close() throws IOException {
        central.close();
    }

    private static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return i32(b, at) & 0xFFFFFFFFL;
    }

    private static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }

}
