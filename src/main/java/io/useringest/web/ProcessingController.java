package io.useringest.web;

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

    private final ProcessingService processing;

    ProcessingController(ProcessingService processing) {
        this.processing = processing;
    }

    @PostMapping("/data")
    CompletableFuture<ResponseEntity<?>> process(HttpServletRequest request) {
        boolean forced = QueryParameters.of(request.getParameterMap(), Set.of("force")).bool("force").orElse(false);
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
