package io.useringest.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
import org.jspecify.annotations.Nullable;
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

    @Operation(summary = "Storage events: a bucket notification as MinIO's webhook target sends it",
            description = "Queues the keys named for a targeted run and answers at once with how "
                    + "many records were accepted and ignored (another bucket, outside SOURCE_PREFIX, "
                    + "another kind); never waits for the run. 404 while EVENTS_TOKEN is empty.",
            security = @SecurityRequirement(name = "eventsToken"))
    @RequestBody(description = "MinIO's event payload (at most 256 KiB)", required = true,
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject("{\"EventName\": \"s3:ObjectCreated:Put\", \"Key\": \"source/1000.csv\", "
                            + "\"Records\": [{\"eventName\": \"s3:ObjectCreated:Put\", \"eventTime\": "
                            + "\"2026-11-23T10:00:00.000Z\", \"s3\": {\"bucket\": {\"name\": \"source\"}, "
                            + "\"object\": {\"key\": \"1000.csv\", \"size\": 60, \"eTag\": \"0123\", "
                            + "\"sequencer\": \"17A\"}}}]}")))
    @ApiResponse(responseCode = "202", description = "queued",
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject("{\"accepted\": 1, \"ignored\": 0}")))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "413", description = "the payload is larger than 256 KiB",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
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

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String detail) {
        return ResponseEntity.status(status)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(detail(status, detail));
    }

    private static ProblemDetail detail(HttpStatus status, @Nullable String detail) {
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
