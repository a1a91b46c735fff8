package io.useringest.demo;

import io.useringest.config.Settings;
import io.useringest.storage.StorageConfiguration;
import io.useringest.storage.StorageConnection;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A start-up step: on the embedded defaults with an empty source bucket (and DEMO_DATA
 * on), uploads the demo data set, so a first start shows data. Runs before the start-up
 * run, which starts when the service is ready.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoDataUpload implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataUpload.class);

    private final StorageConnection storage;

    private final Settings settings;

    private final ExecutorService io;

    DemoDataUpload(StorageConnection storage, Settings settings,
            @Qualifier(StorageConfiguration.IO_POOL) ExecutorService io) {
        this.storage = storage;
        this.settings = settings;
        this.io = io;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (storage.embedded() && settings.demoData() && storage.store().isEmpty(settings.sourceBucket(), "")) {
            int objects = DemoData.upload(storage.store(), settings.sourceBucket(), settings.sourcePrefix(), io);
            log.info("Source bucket was empty: uploaded the demo data set ({} users, {} objects) to {}/{}",
                    DemoData.USERS, objects, settings.sourceBucket(), settings.sourcePrefix());
        }
    }

}
