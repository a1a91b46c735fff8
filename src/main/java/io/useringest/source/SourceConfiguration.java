package io.useringest.source;

import io.useringest.config.Settings;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StorageConfiguration;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Reading the source: the CSV rules and the reader that turns an object into its user
 * files.
 */
@Configuration(proxyBeanMethods = false)
@Import(StorageConfiguration.class)
public class SourceConfiguration {

    @Bean
    UserCsvParser userCsvParser(Clock clock) {
        return new UserCsvParser(clock);
    }

    @Bean
    SourceObjectReader sourceObjectReader(ObjectStore store, Settings settings, UserCsvParser parser) {
        return new SourceObjectReader(store, settings.sourceBucket(), parser);
    }

}
