package io.useringest.web;

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

    private final RunRepository runs;

    private final ProcessingService processing;

    RunsController(RunRepository runs, ProcessingService processing) {
        this.runs = runs;
        this.processing = processing;
    }

    @GetMapping("/runs")
    List<RunReport> list(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), Set.of("limit"));
        int limit = parameters.integer("limit", 1, 1000).orElse(20);
        return runs.latest(limit).stream().map(this::live).toList();
    }

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
        return runs.find(runId).map(this::live).orElseThrow(() -> new NotFoundException("no run with id " + runId));
    }

    private RunReport live(RunReport stored) {
        return processing.running(stored.id()).orElse(stored);
    }

}
