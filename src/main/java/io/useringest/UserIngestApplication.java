package io.useringest;

import io.useringest.cli.ProcessCommand;
import io.useringest.config.HttpListener;
import io.useringest.config.InvalidSettingException;
import io.useringest.config.Settings;
import io.useringest.config.StartupFailureReporter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.StandardEnvironment;

/**
 * Serves the schedule and the HTTP API, or with {@code process} runs one processing pass
 * and exits.
 */
@SpringBootApplication
public class UserIngestApplication {

    public static void main(String[] args) {
        boolean process = args.length > 0 && args[0].equals("process");
        // The settings are checked before the context starts: a bad one is reported in
        // well under a second, not after the storage, the database and a run have
        // started.
        StandardEnvironment environment = new StandardEnvironment();
        try {
            Settings.from(environment);
            if (!process) {
                HttpListener.from(environment).checkAvailable();
            }
        }
        catch (InvalidSettingException e) {
            StartupFailureReporter.report(e);
            System.exit(2);
        }
        if (process) {
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
