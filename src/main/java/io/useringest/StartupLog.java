package io.useringest;

import io.useringest.config.HttpListener;
import io.useringest.config.Settings;
import io.useringest.storage.StorageConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A start-up step: says where everything is once the service is ready (and the admin
 * password it generated).
 */
@Component
class StartupLog {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);

    private final Settings settings;

    private final StorageConnection storage;

    private final Environment environment;

    StartupLog(Settings settings, StorageConnection storage, Environment environment) {
        this.settings = settings;
        this.storage = storage;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void logWhereThingsAre() {
        log.info("S3 endpoint {}{} (access key {}, secret key {}), source {}/{}, output {}", storage.endpoint(), storage
            .embedded()
                    ? " (embedded, objects in " + settings.dataDir().resolve("s3").toAbsolutePath().normalize() + ")"
                    : storage.embeddedOfAnotherProcess() ? " (the embedded server of the service running on "
                            + settings.dataDir().toAbsolutePath().normalize() + ")" : "",
                settings.storageAccessKey(),
                settings.embeddedStorage() ? settings.storageSecretKey() : "from STORAGE_SECRET_KEY",
                settings.sourceBucket(), settings.sourcePrefix(), settings.outputBucket());
        log.info("Database {}", settings.databaseUrl());
        String port = environment.getProperty("local.server.port");
        if (port != null) {
            HttpListener listener = HttpListener.from(environment);
            String host = listener.address().getHostAddress();
            log.info(
                    "HTTP on http://{}:{}/ ({}): front door /, console /admin, API GET /data, /stats, /runs "
                            + "(POST /data as admin)",
                    host.contains(":") ? "[" + host + "]" : host, port,
                    listener.loopbackOnly() ? "this machine only; SERVER_ADDRESS=0.0.0.0 serves the network"
                            : listener.address().isAnyLocalAddress() ? "every interface" : "this interface");
            // Only a server has a use for the admin's password (the process command has
            // none).
            if (settings.adminPasswordGenerated()) {
                log.info("Admin user '{}' with generated password: {} (set ADMIN_PASSWORD to choose one)",
                        settings.adminUser(), settings.adminPassword());
            }
        }
    }

}
