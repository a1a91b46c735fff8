package io.useringest.web;

import io.useringest.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProcessingHttpTests} on SQLite. */
class ProcessingHttpSqliteIT extends ProcessingHttpTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        DatabaseProperties.registerDatabase(registry, TestDatabase.SQLITE, "processing-sqlite");
    }

    @Test
    void theAppRunsOnSQLite() {
        DatabaseProperties.assertAppRunsOn(port, TestDatabase.SQLITE);
    }

}
