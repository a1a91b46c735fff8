package io.useringest.source;

import org.jspecify.annotations.Nullable;

/**
 * One user file found in the source: a loose object ({@code entryName} empty) or an entry
 * of an archive. A CSV carries its content or its rejection; an image carries its
 * extension or its rejection. {@code userId} is empty for a file whose name is not a
 * valid user id.
 */
public record SourceEntry(String objectKey, String entryName, String userId, FileKind kind, long lastModified,
        @Nullable UserCsv csv, @Nullable String imageExtension, @Nullable String rejection) {

    /**
     * Exactly one of content and rejection: a valid CSV's user, an image's extension, or
     * the reason the file is rejected.
     */
    public SourceEntry {
        int variants = (csv == null ? 0 : 1) + (imageExtension == null ? 0 : 1) + (rejection == null ? 0 : 1);
        if (variants != 1 || csv != null && kind != FileKind.CSV || imageExtension != null && kind != FileKind.IMAGE) {
            throw new IllegalArgumentException("a " + kind + " entry carries exactly one of a CSV's user (CSV), an "
                    + "image's extension (IMAGE) or a rejection: " + displayKey(objectKey, entryName));
        }
    }

    /** A user CSV that parsed. */
    public static SourceEntry csv(String objectKey, String entryName, String userId, long lastModified, UserCsv user) {
        return new SourceEntry(objectKey, entryName, userId, FileKind.CSV, lastModified, user, null, null);
    }

    /** A user image, by its extension. */
    public static SourceEntry image(String objectKey, String entryName, String userId, long lastModified,
            String extension) {
        return new SourceEntry(objectKey, entryName, userId, FileKind.IMAGE, lastModified, null, extension, null);
    }

    /**
     * A user file rejected for {@code reason}; {@code userId} is empty when the name is
     * not a valid one.
     */
    public static SourceEntry rejected(String objectKey, String entryName, String userId, FileKind kind,
            long lastModified, String reason) {
        return new SourceEntry(objectKey, entryName, userId, kind, lastModified, null, null, reason);
    }

    public static String displayKey(String objectKey, String entryName) {
        return entryName.isEmpty() ? objectKey : objectKey + "!/" + entryName;
    }

    public String displayKey() {
        return displayKey(objectKey, entryName);
    }

    /** The user of a CSV that parsed. */
    public UserCsv user() {
        if (csv == null) {
            throw new IllegalStateException(displayKey() + " is not a CSV that parsed");
        }
        return csv;
    }

    /** The extension of an image that was accepted. */
    public String extension() {
        if (imageExtension == null) {
            throw new IllegalStateException(displayKey() + " is not an accepted image");
        }
        return imageExtension;
    }

    public boolean rejected() {
        return rejection != null;
    }
}
