package io.useringest.runs;

import io.useringest.db.Database;
import io.useringest.db.DatabaseConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The run records. */
@Configuration(proxyBeanMethods = false)
@Import(DatabaseConfiguration.class)
public class RunsConfiguration {

    @Bean
    RunRepository runRepository(Database database) {
        return new RunRepository(database);
    }

}
