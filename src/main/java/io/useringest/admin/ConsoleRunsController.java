package io.useringest.admin;

import io.useringest.changes.ChangeLog;
import io.useringest.processing.HeldRemovals;
import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunRepository;
import io.useringest.runs.RunTrigger;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's runs: the history with its charts, one run's page, "Run now" and "Run
 * with force" (which first asks for confirmation, saying whom it would remove).
 */
@Controller
class ConsoleRunsController {

    static final int PAGE_SIZE = 20;

    static final int CHART_RUNS = 50;

    static final int CHANGES_SHOWN = 50;

    private static final Duration START_WAIT = Duration.ofSeconds(5);

    private final RunRepository runs;

    private final ProcessingService processing;

    private final HeldRemovals held;

    private final ChangeLog changes;

    ConsoleRunsController(RunRepository runs, ProcessingService processing, HeldRemovals held, ChangeLog changes) {
        this.runs = runs;
        this.processing = processing;
        this.held = held;
        this.changes = changes;
    }

    @GetMapping("/admin/runs")
    String history(@RequestParam(required = false) String page, @RequestParam(required = false) String requested,
            Model model) {
        int number = ConsolePages.pageNumber(page);
        long total = runs.count();
        List<RunReport> shown = runs.page((number - 1) * PAGE_SIZE, PAGE_SIZE).stream().map(processing::live).toList();
        List<RunReport> charted = runs.latest(CHART_RUNS);
        model.addAttribute("runs", shown);
        model.addAttribute("page", number);
        model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("total", total);
        model.addAttribute("durationsChart", ConsoleCharts.durations(charted));
        model.addAttribute("objectsReadChart", ConsoleCharts.objectsRead(charted));
        model.addAttribute("requested", requested != null);
        return "admin/runs";
    }

    /**
     * One run: its report, and the users it changed, {@value #CHANGES_SHOWN} a page
     * (later pages by the {@code after} cursor).
     */
    @GetMapping("/admin/runs/{id}")
    String run(@PathVariable String id, @RequestParam(required = false) String after, Model model) {
        long runId = ConsolePages.runId(id);
        RunReport report = runs.find(runId)
            .map(processing::live)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run with id " + runId));
        long cursor = after == null ? 0 : ConsolePages.seq("after", after);
        ChangeLog.Page page = changes.page(cursor, CHANGES_SHOWN, runId, null);
        model.addAttribute("run", report);
        model.addAttribute("changes", page.changes());
        model.addAttribute("laterAfter", page.continueFrom());
        model.addAttribute("firstChanges", after == null);
        return "admin/run";
    }

    @GetMapping("/admin/runs/force")
    String confirmForce(Model model) {
        model.addAttribute("heldCount", held.count());
        model.addAttribute("held", held.first(HeldRemovalsController.SHOWN));
        return "admin/force";
    }

    /**
     * Starts a run (forced only with {@code force=true}) and shows its page once it has
     * started; if another run holds the lock longer than a few seconds, the history.
     */
    @PostMapping("/admin/runs")
    String start(@RequestParam(required = false) String force) throws InterruptedException {
        boolean forced = "true".equals(force);
        if (force != null && !forced && !"false".equals(force)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameter 'force': '" + force + "' is not accepted; accepted: true or false");
        }
        long before = runs.latest(1).stream().mapToLong(RunReport::id).max().orElse(0);
        processing.request(RunTrigger.REQUEST, forced);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var started = runs.latest(1).stream().filter(r -> r.id() > before).findFirst();
            if (started.isPresent()) {
                return "redirect:/admin/runs/" + started.get().id();
            }
            Thread.sleep(50);
        }
        return "redirect:/admin/runs?requested";
    }

}
