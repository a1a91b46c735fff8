package io.useringest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zip archives built in memory for tests, and the byte surgery that damages them as the
 * world does.
 */
public final class Zips {

    private Zips() {
    }

    /** A zip of the files in name order. */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Where the local header of the entry with this name starts. */
    public static int localHeaderOf(byte[] zip, String entryName) {
        return indexOf(zip, utf8(entryName)) - 30;
    }

    /**
     * Replaces every occurrence of {@code from} by {@code to} (same length): in local and
     * central headers alike.
     */
    public static byte[] replaceAll(byte[] zip, byte[] from, byte[] to) {
        byte[] copy = zip.clone();
        for (int at = indexOf(copy, from); at >= 0; at = indexOf(copy, from)) {
            System.arraycopy(to, 0, copy, at, to.length);
        }
        return copy;
    }

    /**
     * Rewrites a header field's low byte in every local and central header (offsets as in
     * the zip specification).
     */
    public static byte[] setInEveryHeader(byte[] zip, int localOffset, int centralOffset, IntUnaryOperator value) {
        byte[] copy = zip.clone();
        for (int i = 0; i + 4 <= copy.length; i++) {
            if (copy[i] == 'P' && copy[i + 1] == 'K' && copy[i + 2] == 3 && copy[i + 3] == 4) {
                copy[i + localOffset] = (byte) value.applyAsInt(copy[i + localOffset]);
            }
            else if (copy[i] == 'P' && copy[i + 1] == 'K' && copy[i + 2] == 1 && copy[i + 3] == 2) {
                copy[i + centralOffset] = (byte) value.applyAsInt(copy[i + centralOffset]);
            }
        }
        return copy;
    }

    /** Marks every entry encrypted (general-purpose bit 0). */
    public static byte[] encrypted(byte[] zip) {
        return setInEveryHeader(zip, 6, 8, flags -> flags | 1);
    }

    /** Claims a compression method nobody implements (99, AES). */
    public static byte[] unknownMethod(byte[] zip) {
        return setInEveryHeader(zip, 8, 10, method -> 99);
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
