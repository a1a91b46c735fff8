package io.useringest.db;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.config.HeadStart;
import io.useringest.config.Settings;
import io.useringest.config.SettingsConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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

    /** The bean that opens and migrates the database early, when the start made one. */
    public static final String HEAD_START = "databaseHeadStart";

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Settings settings,
            @Qualifier(HEAD_START) ObjectProvider<HeadStart<HikariDataSource>> headStart) {
        HeadStart<HikariDataSource> early = headStart.getIfAvailable();
        return early == null ? DataSources.create(settings) : early.take(settings, DataSources::create);
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
