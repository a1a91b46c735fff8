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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /data (admin): runs processing and answers with the report of a run that started
 * after the request.
 */
@RestController
class ProcessingController {

    static final Set<String> PARAMETERS = Set.of("force");

    private final ProcessingService processing;

    ProcessingController(ProcessingService processing) {
        this.processing = processing;
    }

    @Operation(summary = "Runs processing now (admin)",
            description = "A full run over the whole source; answers with the report of a run that "
                    + "started after the request (concurrent requests share it).",
            security = @SecurityRequirement(name = ApiDocumentation.BASIC))
    @Parameter(name = "force", in = ParameterIn.QUERY,
            description = "run without the deletion guard: remove the users whose CSV is gone even "
                    + "if they are more than half",
            schema = @Schema(type = "boolean", defaultValue = "false"), example = "false")
    @ApiResponse(responseCode = "200", description = "the run succeeded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunReport.class)))
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "403", description = "not the admin, or a console session without its CSRF token",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "503", ref = ApiDocumentation.UNAVAILABLE)
    @PostMapping("/data")
    CompletableFuture<ResponseEntity<?>> process(HttpServletRequest request) {
        boolean forced = QueryParameters.of(request.getParameterMap(), PARAMETERS).bool("force").orElse(false);
        return processing.request(RunTrigger.REQUEST, forced).thenApply(ProcessingController::answer);
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
