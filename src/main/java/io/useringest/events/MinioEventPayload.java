package io.useringest.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a bucket-notification payload as MinIO's webhook target sends it:
 * {@code {"EventName", "Key", "Records": [{"eventName", "s3": {"bucket": {"name"},
 * "object": {"key", "size", "eTag", "sequencer"}}, "eventTime"}]}}, the object key
 * URL-encoded ({@code +} for a space). Only what a run needs is kept: the key is looked
 * up again, never trusted from the event.
 */
public final class MinioEventPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MinioEventPayload() {
    }

    /** The payload that is not one: why, for a 400 problem. */
    public static final class BadPayload extends RuntimeException {

        BadPayload(String message) {
            super(message, null, false, false);
        }

    }

    public static List<BucketEvent> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        }
        catch (JacksonException e) {
            throw new BadPayload("the body is not JSON; expected a bucket notification {\"Records\": [...]}");
        }
        if (root == null || !root.isObject() || !root.path("Records").isArray()) {
            throw new BadPayload("the body has no \"Records\" array; expected a bucket notification as MinIO's "
                    + "webhook target sends it");
        }
        List<BucketEvent> events = new ArrayList<>();
        int index = 0;
        for (JsonNode record : root.get("Records")) {
            events.add(event(record, index++));
        }
        return events;
    }

    private static BucketEvent event(JsonNode record, int index) {
        String where = "Records[" + index + "]";
        String name = text(record, "eventName", where);
        JsonNode s3 = record.path("s3");
        String bucket = text(s3.path("bucket"), "name", where + ".s3.bucket");
        String encodedKey = text(s3.path("object"), "key", where + ".s3.object");
        String key;
        try {
            key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw new BadPayload(
                    where + ".s3.object.key \"" + encodedKey + "\" is not URL-encoded (" + e.getMessage() + ")");
        }
        return new BucketEvent(name, bucket, key);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isEmpty()) {
            throw new BadPayload(where + "." + field + " is missing or not a string");
        }
        return value.asString();
    }

}
