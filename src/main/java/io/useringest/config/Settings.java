package io.useringest.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.PropertyResolver;

/**
 * Every setting of docs/contract.md "Configuration", read once from the environment and
 * validated. Property names are the relaxed form of the environment variables
 * ({@code STORAGE_ENDPOINT} is {@code storage.endpoint}).
 */
public record Settings(String storageEndpoint, String storageAccessKey, String storageSecretKey, String storageRegion,
        int storageEmbeddedPort, String storageListing, Path dataDir, String sourceBucket, String sourcePrefix,
        String outputBucket, String outputCsvKey, String outputImagesPrefix, Duration processingInterval,
        String databaseUrl, String databaseUser, String databasePassword, int databasePoolSize, String adminUser,
        String adminPassword, boolean adminPasswordGenerated, boolean demoData, int readConcurrency,
        boolean apiReadAuth, Duration runLockLease, Duration publishRetry, String eventsToken,
        Duration changesRetention) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public boolean embeddedStorage() {
        return storageEndpoint.isEmpty();
    }

    public boolean sqlite() {
        return database().sqlite();
    }

    public DatabaseUrl database() {
        return new DatabaseUrl(databaseUrl);
    }

    public static Settings from(PropertyResolver env) {
        Path dataDir = Path.of(get(env, "data.dir", "./data"));
        String endpoint = get(env, "storage.endpoint", "");
        if (!endpoint.isEmpty()) {
            validateEndpoint(endpoint);
        }
        String adminPassword = get(env, "admin.password", "");
        boolean generated = adminPassword.isEmpty();
        if (generated) {
            adminPassword = generatePassword();
        }
        String databaseUrl = DatabaseUrl
            .of(get(env, "database.url", DatabaseUrl.sqliteAt(dataDir.resolve("users.db")).url()))
            .url();
        return new Settings(endpoint, get(env, "storage.access-key", "minioadmin"),
                get(env, "storage.secret-key", "minioadmin"), get(env, "storage.region", "us-east-1"),
                port(env, "storage.embedded-port", "STORAGE_EMBEDDED_PORT", 9000),
                listing(get(env, "storage.listing", "auto")), dataDir,
                bucket(env, "source.bucket", "SOURCE_BUCKET", "source"), get(env, "source.prefix", ""),
                bucket(env, "output.bucket", "OUTPUT_BUCKET", "processed-data"),
                nonBlank(env, "output.csv-key", "OUTPUT_CSV_KEY", "output.csv"),
                get(env, "output.images-prefix", "images/"), duration(get(env, "processing.interval", "PT1H")),
                databaseUrl, get(env, "database.user", ""), get(env, "database.password", ""),
                positive(env, "database.pool-size", "DATABASE_POOL_SIZE", 10),
                nonBlank(env, "admin.user", "ADMIN_USER", "admin"), adminPassword, generated,
                bool(env, "demo.data", "DEMO_DATA", true),
                positive(env, "processing.read-concurrency", "PROCESSING_READ_CONCURRENCY", 32),
                bool(env, "api.read-auth", "API_READ_AUTH", false),
                positiveDuration("PROCESSING_LOCK_LEASE", get(env, "processing.lock-lease", "PT30S")),
                positiveDuration("PROCESSING_PUBLISH_RETRY", get(env, "processing.publish-retry", "PT30S")),
                get(env, "events.token", ""), retention(get(env, "changes.retention", "30d")));
    }

    /**
     * A duration of zero or more: how long changes are kept ({@code 0} keeps only each
     * row's latest).
     */
    private static Duration retention(String text) {
        if (text.trim().equals("0")) {
            return Duration.ZERO;
        }
        try {
            return duration(text);
        }
        catch (InvalidSettingException e) {
            throw new InvalidSettingException("CHANGES_RETENTION", "\"" + text + "\" is not a duration; use a number "
                    + "with a unit (30d, 12h), ISO-8601 (P30D) or 0 to keep only each user's current row");
        }
    }

    /**
     * Parses ISO-8601 ({@code PT1H}) or a short form ({@code 1h}, {@code 55m},
     * {@code 30s}); must be positive.
     */
    static Duration duration(String text) {
        Duration duration;
        String value = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            if (value.matches("[+-]?\\d+")) {
                // Spring would read a bare number as milliseconds; a setting says its
                // unit.
                throw new IllegalArgumentException("no unit");
            }
            duration = DurationStyle.detectAndParse(value);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidSettingException("PROCESSING_INTERVAL", "\"" + text
                    + "\" is not a duration; use ISO-8601 (PT1H, PT30M) or a number with a unit (1h, 55m, 30s)");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidSettingException("PROCESSING_INTERVAL", "\"" + text + "\" must be longer than zero");
        }
        return duration;
    }

    /**
     * How to list the source: {@code auto} (folder by folder on the embedded server),
     * by-folder or recursive.
     */
    private static String listing(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("auto") && !value.equals("by-folder") && !value.equals("recursive")) {
            throw new InvalidSettingException("STORAGE_LISTING", "\"" + text + "\" is not a listing mode; use auto, "
                    + "by-folder (for S3Proxy-like servers that walk the whole prefix per page) or recursive");
        }
        return value;
    }

    /**
     * Whether the source is listed folder by folder: always on the embedded server, or
     * when asked for.
     */
    public boolean listByFolder() {
        return storageListing.equals("by-folder") || (storageListing.equals("auto") && embeddedStorage());
    }

    private static Duration positiveDuration(String setting, String text) {
        try {
            return duration(text);
        }
        catch (InvalidSettingException e) {
            throw new InvalidSettingException(setting, "\"" + text + "\" is not a positive duration; use ISO-8601 "
                    + "(PT30S) or a number with a unit (30s, 2m)");
        }
    }

    private static void validateEndpoint(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException("STORAGE_ENDPOINT",
                        "\"" + endpoint + "\" is not an http(s) URL such as http://minio:9000");
            }
        }
        catch (URISyntaxException e) {
            throw new InvalidSettingException("STORAGE_ENDPOINT",
                    "\"" + endpoint + "\" is not a URL (" + e.getReason() + "); use e.g. http://minio:9000");
        }
    }

    private static String get(PropertyResolver env, String name, String fallback) {
        String value = env.getProperty(name);
        return value == null ? fallback : value.trim();
    }

    private static String nonBlank(PropertyResolver env, String name, String variable, String fallback) {
        String value = get(env, name, fallback);
        if (value.isEmpty()) {
            throw new InvalidSettingException(variable, "must not be empty");
        }
        return value;
    }

    private static String bucket(PropertyResolver env, String name, String variable, String fallback) {
        String value = get(env, name, fallback);
        if (!BUCKET.matcher(value).matches()) {
            throw new InvalidSettingException(variable,
                    "\"" + value + "\" is not a valid bucket name (3-63 lower-case letters, digits, dots and hyphens)");
        }
        return value;
    }

    private static int port(PropertyResolver env, String name, String variable, int fallback) {
        String value = get(env, name, String.valueOf(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        }
        catch (NumberFormatException e) {
            throw new InvalidSettingException(variable, "\"" + value + "\" is not a port number (0-65535)");
        }
    }

    private static int positive(PropertyResolver env, String name, String variable, int fallback) {
        String value = get(env, name, String.valueOf(fallback));
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        }
        catch (NumberFormatException e) {
            throw new InvalidSettingException(variable, "\"" + value + "\" is not a positive whole number");
        }
    }

    private static boolean bool(PropertyResolver env, String name, String variable, boolean fallback) {
        String value = get(env, name, String.valueOf(fallback)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidSettingException(variable, "\"" + value + "\" is not true or false");
        };
    }

    /**
     * The admin password of a process that sets none: generated once, so every reading of
     * the settings in the process (before the start and in the application context)
     * agrees.
     */
    private static String generatePassword() {
        return GeneratedPassword.VALUE;
    }

    private static final class GeneratedPassword {

        static final String VALUE = newPassword();

    }

    private static String newPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    @Override
    public String toString() {
        return "Settings[storage=" + (embeddedStorage() ? "embedded" : storageEndpoint) + ", database=" + databaseUrl
                + ", source=" + sourceBucket + "/" + sourcePrefix + ", output=" + outputBucket + "]";
    }
}
