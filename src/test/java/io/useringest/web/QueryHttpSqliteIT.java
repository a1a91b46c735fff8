package io.useringest.web;

import io.useringest.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link QueryHttpTests} on SQLite. */
class QueryHttpSqliteIT extends QueryHttpTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        DatabaseProperties.register(registry, TestDatabase.SQLITE, "query-sqlite");
    }

    @Test
    void theAppRunsOnSQLite() {
        DatabaseProperties.assertAppRunsOn(port, TestDatabase.SQLITE);
    }

}
