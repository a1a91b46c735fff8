package io.useringest.web;

import io.useringest.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProcessingHttpTests} on PostgreSQL. */
class ProcessingHttpPostgresqlIT extends ProcessingHttpTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        DatabaseProperties.registerDatabase(registry, TestDatabase.POSTGRESQL, "processing-postgresql");
    }

    @Test
    void theAppRunsOnPostgreSQL() {
        DatabaseProperties.assertAppRunsOn(port, TestDatabase.POSTGRESQL);
    }

}
