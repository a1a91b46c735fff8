package io.useringest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.useringest.users.UserFilter;
import io.useringest.users.UserQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /stats: count and age figures of the matching users, computed by one SQL aggregate.
 */
@RestController
class StatsController {

    private final UserQueries queries;

    private final Clock clock;

    private final UsersEtag etag;

    StatsController(UserQueries queries, Clock clock, UsersEtag etag) {
        this.etag = etag;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "Figures over the users matching the filters",
            description = "count, average age, youngest and oldest age, average birthts; all null "
                    + "with a message when no user matches.")
    @Parameter(name = "is_image_exists", in = ParameterIn.QUERY,
            description = "only users with (true, 1) or without (false, 0) an image",
            schema = @Schema(type = "boolean"), example = "true")
    @Parameter(name = "min_age", in = ParameterIn.QUERY,
            description = "only users at least this old today, in whole years (UTC)",
            schema = @Schema(type = "integer", minimum = "0", maximum = "200"), example = "30")
    @Parameter(name = "max_age", in = ParameterIn.QUERY,
            description = "only users at most this old today, in whole years; not less than min_age",
            schema = @Schema(type = "integer", minimum = "0", maximum = "200"), example = "40")
    @ApiResponse(responseCode = "200", description = "the figures", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = UserStats.class),
            examples = @ExampleObject("{\"count\": 100, \"average_age\": 36.41, \"youngest_age\": 21, \"oldest_age\": "
                    + "52, \"average_birthts\": 700000000000, \"filters\": {\"is_image_exists\": null, "
                    + "\"min_age\": 30, \"max_age\": null}}")))
    @ApiResponse(responseCode = "304", ref = ApiDocumentation.NOT_MODIFIED)
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @GetMapping("/stats")
    @Nullable UserStats stats(HttpServletRequest request, HttpServletResponse response) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), FilterParameters.NAMES);
        UserFilter filter = FilterParameters.filter(parameters);
        if (etag.notModified(request, response, "json")) {
            return null;
        }
        return UserStats.of(queries.stats(filter, LocalDate.now(clock)), filter);
    }

}
