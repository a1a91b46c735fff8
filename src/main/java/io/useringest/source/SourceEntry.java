package io.useringest.source;

/**
 * One user file found in the source: a loose object ({@code entryName} empty) or an entry
 * of an archive. A CSV carries its content or its rejection; an image carries its
 * extension or its rejection. {@code userId} is empty for a file whose name is not a
 * valid user id.
 */
public record SourceEntry(String objectKey, String entryName, String userId, FileKind kind, long lastModified,
        UserCsv csv, String imageExtension, String rejection) {

    public static String displayKey(String objectKey, String entryName) {
        return entryName.isEmpty() ? objectKey : objectKey + "!/" + entryName;
    }

    public String displayKey() {
        return displayKey(objectKey, entryName);
    }

    public boolean rejected() {
        return rejection != null;
    }
}
