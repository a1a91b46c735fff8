package io.useringest.cli;

import io.useringest.config.StartupFailureReporter;
import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar user-ingest.jar process [--force]}: one processing pass with the
 * service's configuration, the report as JSON on stdout, exit 0 (succeeded), 1 (run
 * failed) or 2 (bad configuration).
 */
public final class ProcessCommand {

    public static final String SCHEDULE_ENABLED = "useringest.schedule.enabled";

    private ProcessCommand() {
    }

    /**
     * Runs the pass with the service's application class (its configuration), as
     * {@code main} hands it over.
     */
    public static int run(Class<?> service, String[] args) {
        boolean forced = Arrays.asList(args).contains("--force");
        SpringApplication application = new SpringApplication(service);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("cli");
        application.setDefaultProperties(Map.of(SCHEDULE_ENABLED, "false"));
        ConfigurableApplicationContext context;
        try {
            context = application.run();
        }
        catch (RuntimeException e) {
            return StartupFailureReporter.find(e) != null ? 2 : 1;
        }
        try (context) {
            RunReport report = context.getBean(ProcessingService.class).runNow(RunTrigger.COMMAND, forced);
            JsonMapper json = context.getBean(JsonMapper.class)
                .rebuild()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
            System.out.println(json.writeValueAsString(report));
            return report.status() == RunStatus.SUCCEEDED ? 0 : 1;
        }
    }

}
