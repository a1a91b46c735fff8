package io.useringest.events;

import io.useringest.config.Settings;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /events: MinIO's webhook target delivers bucket notifications here. It needs
 * {@code Authorization: Bearer
 * <EVENTS_TOKEN>} (404 while EVENTS_TOKEN is empty), answers 202 {@code {accepted,
 * ignored}} at once and never waits for a run: the keys of the source's writes and
 * deletes go to the {@link EventBatcher}.
 */
@RestController
class EventsController {

    static final int MAX_BODY_BYTES = 256 * 1024;

    private final Settings settings;

    private final EventBatcher batcher;

    private final EventMetrics metrics;

    private final byte[] tokenDigest;

    EventsController(Settings settings, EventBatcher batcher, EventMetrics metrics) {
        this.settings = settings;
        this.batcher = batcher;
        this.metrics = metrics;
        this.tokenDigest = sha256("Bearer " + settings.eventsToken());
    }

    @PostMapping("/events")
    ResponseEntity<?> events(HttpServletRequest request) throws IOException {
        if (settings.eventsToken().isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "storage events over HTTP are off; set EVENTS_TOKEN to turn them on "
                    + "(the embedded server's own events need nothing)");
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !MessageDigest.isEqual(sha256(authorization), tokenDigest)) {
            metrics.rejected();
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer realm=\"user-ingest events\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(HttpStatus.UNAUTHORIZED, "this endpoint needs Authorization: Bearer <EVENTS_TOKEN>"));
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = request.getContentLengthLong() > MAX_BODY_BYTES ? null : in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body == null || body.length > MAX_BODY_BYTES) {
            metrics.rejected();
            return problem(HttpStatus.CONTENT_TOO_LARGE, "a bucket notification is at most " + MAX_BODY_BYTES / 1024
                    + " KiB; send events one request each, as MinIO's webhook target does");
        }
        List<BucketEvent> events;
        try {
            events = MinioEventPayload.parse(body);
        }
        catch (MinioEventPayload.BadPayload e) {
            metrics.rejected();
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        List<String> keys = new ArrayList<>();
        for (BucketEvent event : events) {
            if (event.changesObject() && event.bucket().equals(settings.sourceBucket())
                    && event.key().startsWith(settings.sourcePrefix())) {
                keys.add(event.key());
            }
        }
        batcher.accept(keys);
        metrics.received(events.size(), keys.size());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("accepted", keys.size(), "ignored", events.size() - keys.size()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(detail(status, detail));
    }

    private static ProblemDetail detail(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        return problem;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

}
