package io.useringest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.useringest.changes.ChangeLog;
import io.useringest.users.UserImages;
import io.useringest.users.UserQueries;
import io.useringest.users.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * GET /users/{user_id} with its lineage, its history, and its published image streamed
 * from the output bucket.
 */
@RestController
class UsersController {

    static final Set<String> HISTORY_PARAMETERS = Set.of("before", "limit");

    private final UserQueries queries;

    private final UserImages images;

    private final Clock clock;

    private final UsersEtag etag;

    private final ChangeLog changes;

    UsersController(UserQueries queries, UserImages images, Clock clock, UsersEtag etag, ChangeLog changes) {
        this.etag = etag;
        this.changes = changes;
        this.queries = queries;
        this.images = images;
        this.clock = clock;
    }

    @Operation(summary = "One user, and where its row came from (lineage)")
    @Parameter(name = "userId", in = ParameterIn.PATH, description = "the user's id: the CSV's file name without .csv",
            schema = @Schema(type = "string", pattern = "[A-Za-z0-9_-]{1,64}"), example = "1000")
    @ApiResponse(responseCode = "200", description = "the user", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = UserDetail.class),
            examples = @ExampleObject("{\"id\": 1, \"user_id\": \"1000\", \"first_name\": \"Susan\", \"last_name\": "
                    + "\"Lee\", \"birthts\": 612302400000, \"birthdate\": \"1989-05-27\", \"age\": "
                    + "37, \"img_path\": \"processed-data/images/1000.png\", \"image_url\": \"/users/1000/image\", "
                    + "\"lineage\": {\"csv_key\": \"batch.zip!/users/1000.csv\", \"csv_etag\": "
                    + "\"9b2cf535f27731c974343645a3985328\", \"csv_size\": 20480, \"csv_last_modified\": "
                    + "\"2026-12-05T09:30:00Z\", \"image_key\": \"1000.png\", \"run_id\": 12, \"changed_at\": "
                    + "\"2026-12-05T09:30:02.114Z\", \"seq\": 41}}")))
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "304", ref = ApiDocumentation.NOT_MODIFIED)
    @ApiResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GetMapping("/users/{userId}")
    @Nullable UserDetail user(@PathVariable String userId, HttpServletRequest request, HttpServletResponse response) {
        QueryParameters.of(request.getParameterMap(), Set.of());
        UserView user = find(userId);
        if (etag.notModified(request, response, "json")) {
            return null;
        }
        UserLineage lineage = changes.lineage(userId)
            .map(UserLineage::of)
            .orElseThrow(() -> new NotFoundException("no user with user_id " + userId));
        return UserDetail.of(user, lineage);
    }

    @Operation(summary = "Every kept version of a user, newest first",
            description = "Each change the runs made to the user's row within CHANGES_RETENTION (and the latest "
                    + "always): the values after it, the source behind it, the run and when. A removed user's "
                    + "history stays readable.")
    @Parameter(name = "userId", in = ParameterIn.PATH, description = "the user's id",
            schema = @Schema(type = "string", pattern = "[A-Za-z0-9_-]{1,64}"), example = "1000")
    @Parameter(name = "before", in = ParameterIn.QUERY, description = "changes before this seq (the next page)",
            example = "100", schema = @Schema(type = "integer", format = "int64", minimum = "1"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "at most this many changes (default 100)",
            example = "100", schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
    @ApiResponse(responseCode = "200", description = "the user's changes", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = UserHistory.class),
            examples = @ExampleObject("{\"user_id\": \"1000\", \"changes\": [{\"seq\": 41, \"change\": \"update\", "
                    + "\"user_id\": \"1000\", \"first_name\": \"Susan\", \"last_name\": \"Lee\", \"birthts\": "
                    + "612302400000, \"birthdate\": \"1989-05-27\", \"img_path\": \"processed-data/images/1000.png\", "
                    + "\"csv_key\": \"batch.zip!/users/1000.csv\", \"image_key\": \"1000.png\", \"run_id\": 12, "
                    + "\"changed_at\": \"2026-12-05T09:30:02.114Z\"}], "
                    + "\"next\": \"/users/1000/history?before=41&limit=1\"}")))
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GetMapping("/users/{userId}/history")
    UserHistory history(@PathVariable String userId, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), HISTORY_PARAMETERS);
        FilterParameters.userId("user_id", userId);
        long before = parameters.longNumber("before", 1, Long.MAX_VALUE).orElse(Long.MAX_VALUE);
        int limit = parameters.integer("limit", 1, ChangesController.MAX_LIMIT).orElse(ChangesController.DEFAULT_LIMIT);
        ChangeLog.Page page = changes.history(userId, before, limit);
        if (page.changes().isEmpty() && parameters.get("before").isEmpty()) {
            throw new NotFoundException("no history kept for user_id " + userId);
        }
        Long older = page.continueFrom();
        String next = older == null ? null : "/users/" + userId + "/history?before=" + older + "&limit=" + limit;
        return new UserHistory(userId, page.changes().stream().map(ChangeView::of).toList(), next);
    }

    @Operation(summary = "A user's published image")
    @Parameter(name = "userId", in = ParameterIn.PATH, description = "the user's id: the CSV's file name without .csv",
            schema = @Schema(type = "string", pattern = "[A-Za-z0-9_-]{1,64}"), example = "1000")
    @ApiResponse(responseCode = "200", description = "the image",
            content = { @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
    @ApiResponse(responseCode = "206", description = "the byte range asked for with Range",
            content = { @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
    @ApiResponse(responseCode = "304", ref = ApiDocumentation.NOT_MODIFIED)
    @ApiResponse(responseCode = "416", ref = ApiDocumentation.RANGE_NOT_SATISFIABLE)
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GetMapping("/users/{userId}/image")
    ResponseEntity<StreamingResponseBody> image(@PathVariable String userId, HttpServletRequest request) {
        QueryParameters.of(request.getParameterMap(), Set.of());
        UserView user = find(userId);
        if (user.imgPath() == null) {
            throw new NotFoundException("user " + userId + " has no image");
        }
        UserImages.Image image = images.find(user.imgPath())
            .orElseThrow(() -> new NotFoundException("the image of user " + userId + " is not published yet"));
        return StoredDownload.send(request, image.object(), MediaType.parseMediaType(image.contentType()),
                (offset, length) -> images.open(image, offset, length), new HttpHeaders());
    }

    private UserView find(String userId) {
        FilterParameters.userId("user_id", userId);
        return queries.find(userId, LocalDate.now(clock), ImageRoute.INSTANCE)
            .orElseThrow(() -> new NotFoundException("no user with user_id " + userId));
    }

}
