package io.useringest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * POST /data (admin): runs processing and answers with the report of a run that started
 * after the request.
 */
@RestController
class ProcessingController {

    static final Set<String> PARAMETERS = Set.of("force");

    private static final long NO_TIMEOUT = -1;

    /** How long a client that will not wait is kept for its run's id. */
    private static final Duration ASYNC_START_WAIT = Duration.ofSeconds(1);

    private final ProcessingService processing;

    ProcessingController(ProcessingService processing) {
        this.processing = processing;
    }

    @Operation(summary = "Runs processing now (admin)",
            description = "A full run over the whole source; answers with the report of a run that "
                    + "started after the request (concurrent requests share it), however long it takes. "
                    + "With Prefer: respond-async it answers 202 at once and the run goes on.",
            security = @SecurityRequirement(name = ApiDocumentation.BASIC))
    @Parameter(name = "force", in = ParameterIn.QUERY,
            description = "run without the deletion guard: remove the users whose CSV is gone even "
                    + "if they are more than half",
            schema = @Schema(type = "boolean", defaultValue = "false"), example = "false")
    @ApiResponse(responseCode = "200", description = "the run succeeded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunReport.class)))
    @ApiResponse(responseCode = "202",
            description = "with Prefer: respond-async, the run was asked for: Location is its record (/runs/{id}), "
                    + "or /runs while it waits for another instance's run; the body is its live report when it "
                    + "runs in this instance",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunReport.class)))
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "403", description = "not the admin, or a console session without its CSRF token",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "503", ref = ApiDocumentation.UNAVAILABLE)
    @PostMapping("/data")
    DeferredResult<ResponseEntity<?>> process(HttpServletRequest request) {
        boolean forced = QueryParameters.of(request.getParameterMap(), PARAMETERS).bool("force").orElse(false);
        ProcessingService.Requested run = processing.requestRun(RunTrigger.REQUEST, forced);
        // No timeout: the answer is the run's report, however long the run takes; a
        // client that will not wait says so with Prefer: respond-async.
        DeferredResult<ResponseEntity<?>> answer = new DeferredResult<>(NO_TIMEOUT);
        if (respondAsync(request.getHeader("Prefer"))) {
            run.started()
                .orTimeout(ASYNC_START_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((id, failure) -> answer.setResult(accepted(id)));
        }
        else {
            run.report().whenComplete((report, failure) -> {
                if (failure != null) {
                    answer.setErrorResult(failure);
                }
                else {
                    answer.setResult(answer(report));
                }
            });
        }
        return answer;
    }

    static boolean respondAsync(String prefer) {
        return prefer != null && List.of(prefer.toLowerCase(Locale.ROOT).split("[,;]"))
            .stream()
            .anyMatch(preference -> preference.strip().equals("respond-async"));
    }

    /**
     * 202 with where to follow the run: its record once it started, or the runs while it
     * waits for another instance's run to end.
     */
    private ResponseEntity<?> accepted(Long id) {
        if (id == null) {
            return ResponseEntity.accepted()
                .location(URI.create("/runs"))
                .header("Preference-Applied", "respond-async")
                .build();
        }
        RunReport live = processing.current().filter(report -> report.id() == id).orElse(null);
        ResponseEntity.BodyBuilder accepted = ResponseEntity.accepted()
            .location(URI.create("/runs/" + id))
            .header("Preference-Applied", "respond-async");
        return live == null ? accepted.build() : accepted.body(live);
    }

    private static ResponseEntity<?> answer(RunReport report) {
        if (report.status() == RunStatus.SUCCEEDED) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE,
                "the processing run failed: " + report.error());
        problem.setTitle("Processing run failed");
        problem.setProperty("run", report);
        return Problems.response(problem);
    }

}
