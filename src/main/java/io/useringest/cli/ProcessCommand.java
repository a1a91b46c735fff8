package io.useringest.cli;

import io.useringest.config.StartupFailureReporter;
import io.useringest.processing.ProcessingSchedule;
import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunReport;
import io.useringest.runs.RunRepository;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar user-ingest.jar process [--force]}: one processing pass with the
 * service's configuration, its progress on stderr, the report as JSON on stdout, exit 0
 * (succeeded), 1 (run failed) or 2 (bad configuration).
 */
public final class ProcessCommand {

    /**
     * How often a progress line is printed when stderr is not a terminal
     * (PROCESS_PROGRESS_INTERVAL).
     */
    static final String PROGRESS_INTERVAL = "process.progress-interval";

    private static final Duration EVERY = Duration.ofSeconds(10);

    private ProcessCommand() {
    }

    /**
     * Runs the pass with the service's application class (its configuration) and what
     * {@code main} began opening before it ({@code headStart}), as {@code main} hands
     * them over.
     */
    public static int run(Class<?> service, String[] args,
            ApplicationContextInitializer<ConfigurableApplicationContext> headStart) {
        boolean forced = Arrays.asList(args).contains("--force");
        SpringApplication application = new SpringApplication(service);
        application.addInitializers(headStart);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("cli");
        application.setDefaultProperties(Map.of(ProcessingSchedule.ENABLED, "false"));
        ConfigurableApplicationContext context;
        try {
            context = application.run();
        }
        catch (RuntimeException e) {
            return StartupFailureReporter.find(e) != null ? 2 : 1;
        }
        try (context) {
            ProcessingService processing = context.getBean(ProcessingService.class);
            Duration every = context.getEnvironment().getProperty(PROGRESS_INTERVAL, Duration.class, EVERY);
            long expected = context.getBean(RunRepository.class).lastFullListing();
            RunReport report;
            OptionalInt terminal = StderrTerminal.width();
            LoggingSystem logging = LoggingSystem.get(ProcessCommand.class.getClassLoader());
            if (terminal.isPresent()) {
                // A log line would be glued to the bar (it has no line end while it is
                // drawn); the run's own lines are the bar and the closing line.
                logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
            }
            try (ProgressDisplay progress = ProgressDisplay.start(processing, terminal, every, expected, System.err)) {
                report = processing.runNow(RunTrigger.COMMAND, forced);
            }
            finally {
                if (terminal.isPresent()) {
                    logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
                }
            }
            System.err.println(ProgressDisplay.finished(report));
            JsonMapper json = context.getBean(JsonMapper.class)
                .rebuild()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
            System.out.println(json.writeValueAsString(report));
            return report.status() == RunStatus.SUCCEEDED ? 0 : 1;
        }
    }

}
