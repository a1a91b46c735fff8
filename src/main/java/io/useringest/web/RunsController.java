package io.useringest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /runs and GET /runs/{id}: run reports, newest first; a running run shows its
 * counters growing.
 */
@RestController
class RunsController {

    static final Set<String> LIST_PARAMETERS = Set.of("limit");

    private final RunRepository runs;

    private final ProcessingService processing;

    RunsController(RunRepository runs, ProcessingService processing) {
        this.runs = runs;
        this.processing = processing;
    }

    @Operation(summary = "Run reports, newest first", description = "A running run shows its counters growing.")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "at most this many runs (default 20)",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000"), example = "5")
    @ApiResponse(responseCode = "200", description = "the runs",
            content = @Content(mediaType = "application/json",
                    array = @ArraySchema(schema = @Schema(implementation = RunReport.class)),
                    examples = @ExampleObject("[{\"id\": 7, \"trigger\": \"event\", \"scope\": \"keys\", \"forced\": "
                            + "false, \"status\": \"succeeded\", \"started_at\": \"2026-11-23T10:00:00Z\", "
                            + "\"finished_at\": \"2026-11-23T10:00:00.4Z\", \"objects_listed\": 1, \"objects_read\": "
                            + "1, \"objects_ignored\": 0, \"orphan_images\": 0, \"users_added\": 0, \"users_updated\": "
                            + "1, \"users_removed\": 0, \"users_unchanged\": 0, \"users_total\": 100, "
                            + "\"rejected\": [], \"warnings\": [], \"error\": null, \"committed\": true, "
                            + "\"output_pending\": 0}]")))
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @GetMapping("/runs")
    List<RunReport> list(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), LIST_PARAMETERS);
        int limit = parameters.integer("limit", 1, 1000).orElse(20);
        return runs.latest(limit).stream().map(processing::live).toList();
    }

    @Operation(summary = "One run's report")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "the run's id",
            schema = @Schema(type = "integer", format = "int64", minimum = "1"), example = "7")
    @ApiResponse(responseCode = "200", description = "the run", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RunReport.class),
            examples = @ExampleObject("{\"id\": 7, \"trigger\": \"event\", \"scope\": \"keys\", \"forced\": false, "
                    + "\"status\": \"succeeded\", \"started_at\": \"2026-11-23T10:00:00Z\", \"finished_at\": "
                    + "\"2026-11-23T10:00:00.4Z\", \"objects_listed\": 1, \"objects_read\": 1, "
                    + "\"objects_ignored\": 0, \"orphan_images\": 0, \"users_added\": 0, \"users_updated\": "
                    + "1, \"users_removed\": 0, \"users_unchanged\": 0, \"users_total\": 100, "
                    + "\"rejected\": [], \"warnings\": [], \"error\": null, \"committed\": true, "
                    + "\"output_pending\": 0}")))
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GetMapping("/runs/{id}")
    RunReport one(@PathVariable String id, HttpServletRequest request) {
        QueryParameters.of(request.getParameterMap(), Set.of());
        long runId;
        try {
            runId = Long.parseLong(id);
        }
        catch (NumberFormatException e) {
            throw Problems.badParameter("id", id, "accepted: a run id (a whole number)");
        }
        return runs.find(runId)
            .map(processing::live)
            .orElseThrow(() -> new NotFoundException("no run with id " + runId));
    }

}
