package io.useringest.db;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.config.Settings;
import io.useringest.config.SettingsConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The database: a migrated connection pool, the JDBC access the repositories share, and
 * the service's state.
 */
@Configuration(proxyBeanMethods = false)
@Import(SettingsConfiguration.class)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Settings settings) {
        return DataSources.create(settings);
    }

    @Bean
    Database database(HikariDataSource dataSource, Settings settings) {
        return new Database(dataSource, DatabaseDialect.of(settings.databaseUrl()));
    }

    @Bean
    NamedValues namedValues(Database database) {
        return new NamedValues(database);
    }

}
