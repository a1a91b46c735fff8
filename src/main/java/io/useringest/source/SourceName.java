package io.useringest.source;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A source object's or archive entry's basename, split into user id and extension, and
 * classified.
 */
public record SourceName(String basename, String userId, String extension, FileKind kind) {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public static SourceName of(String path) {
        String basename = path.substring(path.lastIndexOf('/') + 1);
        int dot = basename.lastIndexOf('.');
        String userId = dot < 0 ? basename : basename.substring(0, dot);
        String extension = dot < 0 ? "" : basename.substring(dot + 1).toLowerCase(Locale.ROOT);
        FileKind kind = switch (extension) {
            case "csv" -> FileKind.CSV;
            case "png", "jpg", "jpeg" -> FileKind.IMAGE;
            case "zip" -> FileKind.ARCHIVE;
            default -> FileKind.IGNORED;
        };
        return new SourceName(basename, userId, extension, kind);
    }

    public boolean validUserId() {
        return USER_ID.matcher(userId).matches();
    }

    public String invalidUserIdReason() {
        return "file name \"" + userId + "\" is not a valid user id (1 to 64 letters, digits, '_' or '-')";
    }

    public static String contentType(String extension) {
        return "png".equals(extension) ? "image/png" : "image/jpeg";
    }
}
