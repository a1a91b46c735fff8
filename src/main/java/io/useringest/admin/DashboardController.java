package io.useringest.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.useringest.config.Settings;
import io.useringest.db.Database;
import io.useringest.processing.HeldRemovals;
import io.useringest.processing.ProcessingSchedule;
import io.useringest.processing.ProcessingService;
import io.useringest.processing.SourceLedger;
import io.useringest.publish.OutputPublisher;
import io.useringest.runs.RunRepository;
import io.useringest.runs.RunStatus;
import io.useringest.storage.StorageHealth;
import io.useringest.users.UserQueries;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** GET /admin: the dashboard. */
@Controller
class DashboardController {

    /** The gauge the events package keeps of the latest event-to-visible lag. */
    static final String LAST_EVENT_LAG = "useringest.events.last.lag";

    private final UserQueries queries;

    private final RunRepository runs;

    private final ProcessingService processing;

    private final SourceLedger ledger;

    private final HeldRemovals held;

    private final StorageHealth storage;

    private final Database database;

    private final OutputPublisher publisher;

    private final ObjectProvider<ProcessingSchedule> schedule;

    private final ObjectProvider<MeterRegistry> meters;

    private final Settings settings;

    DashboardController(UserQueries queries, RunRepository runs, ProcessingService processing, SourceLedger ledger,
            HeldRemovals held, StorageHealth storage, Database database, OutputPublisher publisher,
            ObjectProvider<ProcessingSchedule> schedule, ObjectProvider<MeterRegistry> meters, Settings settings) {
        this.queries = queries;
        this.runs = runs;
        this.processing = processing;
        this.ledger = ledger;
        this.held = held;
        this.storage = storage;
        this.database = database;
        this.publisher = publisher;
        this.schedule = schedule;
        this.meters = meters;
        this.settings = settings;
    }

    @GetMapping("/admin")
    String dashboard(Model model) {
        UserQueries.UserCounts users = queries.counts();
        var recent = runs.latest(5);
        var running = recent.stream()
            .filter(r -> r.status() == RunStatus.RUNNING)
            .findFirst()
            .map(processing::live)
            .orElse(null);
        Instant next = schedule.stream().findFirst().flatMap(ProcessingSchedule::nextRun).orElse(null);
        model.addAttribute("d",
                new Dashboard(runs.lastSuccess().orElse(null), users.total(), users.withImage(), users.withoutImage(),
                        ledger.countRejections(), held.count(), storageStatus(), databaseStatus(), publisher.pending(),
                        publisher.behind(), next, events(), lastEventLag(), recent, running));
        return "admin/dashboard";
    }

    private String storageStatus() {
        var health = storage.health();
        Object error = health.getDetails().get("error");
        return health.getStatus().getCode() + (error == null ? "" : " (" + error + ")");
    }

    private String databaseStatus() {
        try {
            database.jdbc().queryForObject("SELECT 1", Integer.class);
            return "UP (" + database.dialect().name().toLowerCase(Locale.ROOT) + ")";
        }
        catch (RuntimeException e) {
            return "DOWN (" + e.getMessage() + ")";
        }
    }

    private String events() {
        if (settings.embeddedStorage()) {
            return "on: the embedded S3 server raises them for every write through its API";
        }
        return settings.eventsToken().isEmpty() ? "off: EVENTS_TOKEN is empty, changes are seen by full runs"
                : "on: POST /events takes MinIO's webhook";
    }

    private @Nullable Double lastEventLag() {
        MeterRegistry registry = meters.getIfAvailable();
        Gauge gauge = registry == null ? null : registry.find(LAST_EVENT_LAG).gauge();
        return gauge == null || Double.isNaN(gauge.value()) ? null : gauge.value();
    }

}
