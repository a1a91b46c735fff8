package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.useringest.support.AppStorage;
import io.useringest.support.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every connection of the pool in use is a busy database, not an unreachable one: the
 * request that waited its 2 s for a connection is answered 503 with Retry-After and a
 * detail that says so, and the next request after the connections come back is served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseBusyIT {

    static AppStorage storage;

    @LocalServerPort
    int port;

    @Autowired
    HikariDataSource pool;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        storage = AppStorage.start("database-busy");
        storage.register(registry, "test-secret");
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
    }

    @Test
    void everyConnectionInUseIsAnsweredAsBusyNotAsUnreachable() throws Exception {
        Http http = new Http(port);
        List<Connection> held = new ArrayList<>();
        try {
            holdEveryConnection(held);
            HttpResponse<String> busy = http.get("/users/someone");
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(Http.json(busy).get("detail").asString()).contains("busy").doesNotContain("cannot be reached");
        }
        finally {
            release(held);
        }
        assertThat(http.get("/users/someone").statusCode()).isEqualTo(404);
    }

    /**
     * A body streamed from the database (all of /data, a filter without a limit, the CSV)
     * that cannot get a connection is a 503 too: never a 200 with an empty list, which a
     * client would take for no users.
     */
    @Test
    void aStreamedBodyWithoutAConnectionIsBusyNotAnEmptyList() throws Exception {
        Http http = new Http(port);
        List<Connection> held = new ArrayList<>();
        try {
            holdEveryConnection(held);
            for (String[] request : List.of(new String[] { "/data", "application/json" },
                    new String[] { "/data?min_age=30", "application/json" }, new String[] { "/data", "text/csv" })) {
                HttpResponse<String> busy = http.get(request[0], request[1]);
                assertThat(busy.statusCode()).as("%s as %s: %s", request[0], request[1], busy.body()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(Http.json(busy).get("detail").asString()).contains("busy");
            }
        }
        finally {
            release(held);
        }
        assertThat(http.get("/data").statusCode()).isEqualTo(200);
    }

    /**
     * A filtered body streamed from the database whose query fails after the request's
     * own checks passed (here the users table is away) is a problem, not a 200 with an
     * empty list. (A plain client: a 500 is not among /data's documented answers.)
     */
    @Test
    void aStreamedBodyThatFailsIsAProblemNotAnEmptyList() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute("ALTER TABLE users RENAME TO users_away");
        }
        try {
            for (String accept : List.of("application/json", "text/csv")) {
                HttpResponse<String> failed = client
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/data?min_age=30"))
                        .header("Accept", accept)
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(failed.statusCode()).as("%s: %s", accept, failed.body()).isEqualTo(500);
                assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
        finally {
            try (Connection connection = pool.getConnection()) {
                connection.createStatement().execute("ALTER TABLE users_away RENAME TO users");
            }
        }
        assertThat(new Http(port).get("/data?min_age=30").statusCode()).isEqualTo(200);
    }

    private void holdEveryConnection(List<Connection> held) throws SQLException {
        while (held.size() < pool.getMaximumPoolSize()) {
            held.add(pool.getConnection());
        }
    }

    private static void release(List<Connection> held) throws SQLException {
        for (Connection connection : held) {
            connection.close();
        }
    }

}
