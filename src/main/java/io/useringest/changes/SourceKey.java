package io.useringest.changes;

/**
 * A user file in the source: an object, or an entry of an archive object (entry name
 * empty for a loose file).
 */
public record SourceKey(String objectKey, String entryName) {

    /**
     * As the API and the console show it: {@code batch.zip!/users/1007.csv} for an entry.
     */
    public String display() {
        return entryName.isEmpty() ? objectKey : objectKey + "!/" + entryName;
    }

}
