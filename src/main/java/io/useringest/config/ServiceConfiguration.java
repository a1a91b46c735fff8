package io.useringest.config;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.db.DataSources;
import io.useringest.demo.DemoData;
import io.useringest.processing.Pipeline;
import io.useringest.processing.ProcessingService;
import io.micrometer.core.instrument.MeterRegistry;
import io.useringest.publish.OutputHealth;
import io.useringest.runs.RunMetrics;
import io.useringest.runs.RunRepository;
import io.useringest.storage.StorageHealth;
import org.springframework.beans.factory.ObjectProvider;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StorageConnection;
import io.useringest.users.UserQueries;
import io.useringest.users.UserRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** Builds the service from the settings: storage, database, and the processing pipeline. */
@Configuration(proxyBeanMethods = false)
class ServiceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceConfiguration.class);

    @Bean
    Settings settings(Environment environment) {
        return Settings.from(environment);
    }

    @Bean(destroyMethod = "close")
    StorageConnection storageConnection(Settings settings) {
        StorageConnection connection = StorageConnection.open(settings);
        if (connection.embedded() && settings.demoData()
                && connection.store().isEmpty(settings.sourceBucket(), "")) {
            int objects = DemoData.upload(connection.store(), settings.sourceBucket(), settings.sourcePrefix());
            log.info("Source bucket was empty: uploaded the demo data set ({} users, {} objects) to {}/{}",
                    DemoData.USERS, objects, settings.sourceBucket(), settings.sourcePrefix());
        }
        return connection;
    }

    @Bean
    ObjectStore objectStore(StorageConnection connection) {
        return connection.store();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Settings settings) {
        return DataSources.create(settings);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    Pipeline pipeline(Settings settings, ObjectStore store, HikariDataSource dataSource, JsonMapper json, Clock clock) {
        return Pipeline.create(settings, store, dataSource, json, clock);
    }

    @Bean
    ProcessingService processingService(Pipeline pipeline, ObjectProvider<MeterRegistry> registry) {
        registry.ifAvailable(meters -> {
            RunMetrics metrics = new RunMetrics(meters, pipeline.runs());
            pipeline.processing().onFinished(metrics::record);
        });
        return pipeline.processing();
    }

    @Bean
    OutputHealth outputHealthIndicator(Pipeline pipeline) {
        return new OutputHealth(pipeline.publisher());
    }

    @Bean
    StorageHealth storageHealthIndicator(StorageConnection connection, Settings settings) {
        return new StorageHealth(connection.store(), connection.endpoint(), settings.sourceBucket(),
                settings.outputBucket());
    }

    @Bean
    RunRepository runRepository(Pipeline pipeline) {
        return pipeline.runs();
    }

    @Bean
    UserRepository userRepository(Pipeline pipeline) {
        return pipeline.users();
    }

    @Bean
    UserQueries userQueries(Pipeline pipeline) {
        return pipeline.userQueries();
    }

    @EventListener(ApplicationReadyEvent.class)
    void logWhereThingsAre(ApplicationReadyEvent event) {
        Settings settings = event.getApplicationContext().getBean(Settings.class);
        StorageConnection storage = event.getApplicationContext().getBean(StorageConnection.class);
        Environment environment = event.getApplicationContext().getEnvironment();
        log.info("S3 endpoint {}{} (access key {}, secret key {}), source {}/{}, output {}",
                storage.endpoint(),
                storage.embedded() ? " (embedded, objects in " + settings.dataDir().resolve("s3").toAbsolutePath().normalize() + ")" : "",
                settings.storageAccessKey(), storage.embedded()
                        ? settings.storageSecretKey() : "from STORAGE_SECRET_KEY",
                settings.sourceBucket(), settings.sourcePrefix(), settings.outputBucket());
        log.info("Database {}", settings.databaseUrl());
        String port = environment.getProperty("local.server.port");
        if (port != null) {
            log.info("HTTP on port {}: GET /data, /stats, /runs; POST /data as admin", port);
        }
        if (settings.adminPasswordGenerated()) {
            log.info("Admin user '{}' with generated password: {} (set ADMIN_PASSWORD to choose one)",
                    settings.adminUser(), settings.adminPassword());
        }
    }
}
