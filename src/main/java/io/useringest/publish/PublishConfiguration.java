package io.useringest.publish;

import io.useringest.config.Settings;
import io.useringest.db.Database;
import io.useringest.db.NamedValues;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StorageConfiguration;
import io.useringest.users.UserRepository;
import io.useringest.users.UsersConfiguration;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The output bucket: the outbox of its changes, the publisher that carries them out, and
 * its health.
 */
@Configuration(proxyBeanMethods = false)
@Import(UsersConfiguration.class)
public class PublishConfiguration {

    @Bean
    PublishQueue publishQueue(Database database) {
        return new PublishQueue(database);
    }

    @Bean
    OutputPublisher outputPublisher(ObjectStore store, PublishQueue queue, UserRepository users, NamedValues state,
            @Qualifier(StorageConfiguration.IO_POOL) ExecutorService io, Settings settings) {
        return new OutputPublisher(store, queue, users, state, io, settings.sourceBucket(), settings.outputBucket(),
                settings.outputCsvKey());
    }

    @Bean
    OutputHealth outputHealthIndicator(OutputPublisher publisher) {
        return new OutputHealth(publisher);
    }

}
