package io.useringest;

import io.useringest.cli.ProcessCommand;
import io.useringest.config.StartupFailureReporter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves the schedule and the HTTP API, or with {@code process} runs one processing pass
 * and exits.
 */
@SpringBootApplication
public class UserIngestApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("process")) {
            System.exit(ProcessCommand.run(UserIngestApplication.class, args));
        }
        try {
            SpringApplication.run(UserIngestApplication.class, args);
        }
        catch (RuntimeException e) {
            // The failure was already reported (one line for a bad setting); exit without
            // a second trace.
            System.exit(StartupFailureReporter.find(e) != null ? 2 : 1);
        }
    }

}
