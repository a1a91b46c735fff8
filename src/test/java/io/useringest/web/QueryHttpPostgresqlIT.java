package io.useringest.web;

import io.useringest.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link QueryHttpTests} on PostgreSQL. */
class QueryHttpPostgresqlIT extends QueryHttpTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        DatabaseProperties.register(registry, TestDatabase.POSTGRESQL, "query-postgresql");
    }

    @Test
    void theAppRunsOnPostgreSQL() {
        DatabaseProperties.assertAppRunsOn(port, TestDatabase.POSTGRESQL);
    }

}
