package io.useringest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.useringest.changes.ChangeLog;
import io.useringest.changes.UserChange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * GET /changes: the changes to the users table in commit order, as pages (JSON) or live
 * (Server-Sent Events, resumed with Last-Event-ID).
 */
@RestController
class ChangesController {

    static final int DEFAULT_LIMIT = 100;

    static final int MAX_LIMIT = 1000;

    static final Set<String> PARAMETERS = Set.of("after", "limit", "run", "user_id");

    private static final String EXAMPLE = "{\"changes\": [{\"seq\": 41, \"change\": \"update\", \"user_id\": \"1007\", "
            + "\"first_name\": \"Ada\", \"last_name\": \"Lovelace\", \"birthts\": 612302400000, \"birthdate\": "
            + "\"1989-05-27\", \"img_path\": \"processed-data/images/1007.png\", \"csv_key\": "
            + "\"batch.zip!/users/1007.csv\", \"image_key\": \"1007.png\", \"run_id\": 12, \"changed_at\": "
            + "\"2026-12-05T09:30:02.114Z\"}, {\"seq\": 42, \"change\": \"delete\", \"user_id\": \"1008\", "
            + "\"first_name\": null, \"last_name\": null, \"birthts\": null, \"birthdate\": null, \"img_path\": null, "
            + "\"csv_key\": \"1008.csv\", \"image_key\": null, \"run_id\": 12, \"changed_at\": "
            + "\"2026-12-05T09:30:02.114Z\"}], \"last_seq\": 42, \"next\": \"/changes?after=42&limit=100\"}";

    private static final String EVENT_EXAMPLE = "id:41\ndata:{\"seq\":41,\"change\":\"insert\","
            + "\"user_id\":\"1007\",…}\n\n";

    private final ChangeLog changes;

    private final ChangeStream stream;

    ChangesController(ChangeLog changes, ChangeStream stream) {
        this.changes = changes;
        this.stream = stream;
    }

    @Operation(summary = "The changes to the users table, in commit order",
            description = "Each change has a seq that increases and is never reused, in one order for every instance. "
                    + "Start from after=0 (or the last seq seen) and apply the changes in order: an insert or update "
                    + "sets the user's row to the values given, a delete removes it. With Accept: text/event-stream "
                    + "the feed is followed live (Server-Sent Events: each change an event whose id is its seq; "
                    + "Last-Event-ID resumes).")
    @Parameter(name = "after", in = ParameterIn.QUERY, description = "changes after this seq (default 0)",
            example = "0", schema = @Schema(type = "integer", format = "int64", minimum = "0"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "at most this many changes (default 100)",
            example = "100", schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
    @Parameter(name = "run", in = ParameterIn.QUERY, description = "only the changes this run made", example = "1",
            schema = @Schema(type = "integer", format = "int64", minimum = "1"))
    @Parameter(name = "user_id", in = ParameterIn.QUERY, description = "only this user's changes", example = "1000",
            schema = @Schema(type = "string", pattern = "[A-Za-z0-9_-]{1,64}"))
    @ApiResponse(responseCode = "200", description = "the changes after the given seq",
            content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = ChangePage.class),
                            examples = @ExampleObject(EXAMPLE)),
                    @Content(mediaType = "text/event-stream", schema = @Schema(type = "string"),
                            examples = @ExampleObject(EVENT_EXAMPLE)) })
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "410", ref = ApiDocumentation.GONE)
    @GetMapping("/changes")
    ChangePage page(HttpServletRequest request) {
        Query query = query(request, false);
        List<UserChange> page = changes.after(query.after, query.limit, query.runId, query.userId);
        long last = page.isEmpty() ? query.after : page.get(page.size() - 1).seq();
        return new ChangePage(page.stream().map(ChangeView::of).toList(), last, next(last, query));
    }

    /** Documented with {@link #page}: one operation, two representations. */
    @Operation(hidden = true)
    @GetMapping(value = "/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter follow(HttpServletRequest request) {
        Query query = query(request, true);
        return stream.follow(query.after, query.runId, query.userId);
    }

    private Query query(HttpServletRequest request, boolean live) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), PARAMETERS);
        long after = parameters.longNumber("after", 0, Long.MAX_VALUE).orElse(0L);
        String lastEventId = request.getHeader("Last-Event-ID");
        if (live && lastEventId != null && parameters.get("after").isEmpty()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            }
            catch (NumberFormatException e) {
                throw new BadParameterException("Last-Event-ID", "header Last-Event-ID: \"" + lastEventId
                        + "\" is not a seq of this feed; accepted: a whole number from 0");
            }
        }
        int limit = parameters.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        Long runId = parameters.longNumber("run", 1, Long.MAX_VALUE).orElse(null);
        String userId = parameters.get("user_id").map(id -> FilterParameters.userId("user_id", id)).orElse(null);
        long horizon = changes.horizon();
        if (after < horizon) {
            throw new ChangesGoneException(after, horizon);
        }
        return new Query(after, limit, runId, userId);
    }

    private static String next(long last, Query query) {
        return "/changes?after=" + last + "&limit=" + query.limit + (query.runId == null ? "" : "&run=" + query.runId)
                + (query.userId == null ? "" : "&user_id=" + query.userId);
    }

    private record Query(long after, int limit, @Nullable Long runId, @Nullable String userId) {
    }

}
