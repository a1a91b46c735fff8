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
    UserRepository userRepository(Database database) {
        return new UserRepository(database);
    }

    @Bean
    UserQueries userQueries(Database database) {
        return new UserQueries(database);
    }

    @Bean
    UserImages userImages(ObjectStore store) {
        return new UserImages(store);
    }

}
