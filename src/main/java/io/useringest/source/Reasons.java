package io.useringest.source;

import java.util.regex.Pattern;

/**
 * Text that goes into a rejection reason: for people, so no Java class names, no control
 * characters (a database may refuse them, a page would hide them) and no unbounded values
 * copied from a file.
 */
public final class Reasons {

    static final int MAX_VALUE = 100;

    private static final Pattern CLASS_NAME = Pattern
        .compile("(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");

    private Reasons() {
    }

    /**
     * An exception's message as a person can read it: its first line, without class
     * names.
     */
    static String plain(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "its bytes cannot be decoded";
        }
        int newline = message.indexOf('\n');
        String line = CLASS_NAME.matcher(newline < 0 ? message : message.substring(0, newline)).replaceAll("").strip();
        return line.isEmpty() ? "its bytes cannot be decoded" : sanitize(line);
    }

    /**
     * Text for a person: Java class names (as in "java.net.ConnectException: …") taken
     * out.
     */
    public static String withoutClassNames(String text) {
        return CLASS_NAME.matcher(text).replaceAll("").strip();
    }

    /**
     * Control characters shown as {@code \\uXXXX}, so what a file holds is visible and
     * storable.
     */
    static String sanitize(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            }
            else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A value from a file, quoted, made storable and cut to {@value #MAX_VALUE}
     * characters.
     */
    static String quote(String value) {
        String safe = sanitize(value);
        if (safe.codePointCount(0, safe.length()) > MAX_VALUE) {
            safe = safe.substring(0, safe.offsetByCodePoints(0, MAX_VALUE)) + "…";
        }
        return "\"" + safe + "\"";
    }

}
