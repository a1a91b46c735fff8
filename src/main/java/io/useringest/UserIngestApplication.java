package io.useringest;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.cli.ProcessCommand;
import io.useringest.config.HeadStart;
import io.useringest.config.HttpListener;
import io.useringest.config.InvalidSettingException;
import io.useringest.config.Settings;
import io.useringest.config.StartupFailureReporter;
import io.useringest.db.DataSources;
import io.useringest.db.DatabaseConfiguration;
import io.useringest.storage.StorageConfiguration;
import io.useringest.storage.StorageConnection;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Serves the schedule and the HTTP API, or with {@code process} runs one processing pass
 * and exits.
 */
@SpringBootApplication
public class UserIngestApplication {

    public static void main(String[] args) {
        if (Boolean.getBoolean("spring.aot.processing")) {
            // The build's ahead-of-time processing (spring-boot-maven-plugin
            // process-aot):
            // it wants the context's definitions only, so nothing is checked or opened,
            // and it stops the run once it has them.
            SpringApplication.run(UserIngestApplication.class, args);
            return;
        }
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
            System.exit(ProcessCommand.run(UserIngestApplication.class, args, UserIngestApplication::headStart));
        }
        useBuiltContext();
        try {
            SpringApplication application = new SpringApplication(UserIngestApplication.class);
            application.addInitializers(UserIngestApplication::headStart);
            application.run(args);
        }
        catch (RuntimeException e) {
            // The failure was already reported (one line for a bad setting); exit without
            // a second trace.
            System.exit(StartupFailureReporter.find(e) != null ? 2 : 1);
        }
    }

    /**
     * The service starts on the bean definitions the build prepared (Spring's
     * ahead-of-time processing of this class, compiled into the jar), which spares it
     * about half a second of reading configuration classes and evaluating their
     * conditions. Those were evaluated for the service; {@code process} builds a
     * different context (no web server, no schedule) and reads its configuration at run
     * time. Without the prepared definitions (run from the classes of an IDE) or with
     * {@code -Dspring.aot.enabled} given, nothing changes.
     */
    private static void useBuiltContext() {
        String prepared = UserIngestApplication.class.getName() + "__ApplicationContextInitializer";
        if (System.getProperty(AotDetector.AOT_ENABLED) == null
                && ClassUtils.isPresent(prepared, UserIngestApplication.class.getClassLoader())) {
            System.setProperty(AotDetector.AOT_ENABLED, "true");
        }
    }

    /**
     * Opens the object store (starting the embedded server) and the database (migrating
     * it) on threads of their own while Spring builds the context, about 0.3 s each that
     * the start no longer waits for; their beans take them. Runs once the environment and
     * the logging are set up, so the settings are the ones the beans read.
     */
    private static void headStart(ConfigurableApplicationContext context) {
        Settings settings = Settings.from(context.getEnvironment());
        GenericApplicationContext beans = (GenericApplicationContext) context;
        register(beans, StorageConfiguration.HEAD_START, HeadStart.begin("storage", settings, StorageConnection::open),
                StorageConnection.class);
        register(beans, DatabaseConfiguration.HEAD_START, HeadStart.begin("database", settings, DataSources::create),
                HikariDataSource.class);
    }

    private static <T extends AutoCloseable> void register(GenericApplicationContext beans, String name,
            HeadStart<T> headStart, Class<T> part) {
        RootBeanDefinition definition = new RootBeanDefinition(HeadStart.class, () -> headStart);
        definition.setTargetType(ResolvableType.forClassWithGenerics(HeadStart.class, part));
        definition.setDestroyMethodName("close");
        beans.registerBeanDefinition(name, definition);
    }

}
