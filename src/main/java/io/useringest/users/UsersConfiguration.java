package io.useringest.users;

import io.useringest.db.Database;
import io.useringest.db.DatabaseConfiguration;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StorageConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The users table: written by runs, read by queries, and the users' published images. */
@Configuration(proxyBeanMethods = false)
@Import({ DatabaseConfiguration.class, StorageConfiguration.class })
public class UsersConfiguration {

    @Bean
    UsersVersion usersVersion(Database database) {
        return UsersVersion.forService(database);
    }

    @Bean
    UserRepository userRepository(Database database, UsersVersion version) {
        return new UserRepository(database, version);
    }

    @Bean
    UserQueries userQueries(Database database, UsersVersion version) {
        return new UserQueries(database, new StatsSummaries(database, version));
    }

    @Bean
    UserImages userImages(ObjectStore store) {
        return new UserImages(store);
    }

}
