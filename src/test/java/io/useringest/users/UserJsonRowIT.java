package io.useringest.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users written from the driver's bytes ({@link UserQueries#writeMatching}) are byte for
 * byte the JSON of their {@link UserView}s, on both databases: escaping, non-ASCII text,
 * nulls, ages on leap days, pages and filters.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UserJsonRowIT {

    private static final JsonMapper JSON = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build();

    /** 2000-02-29T12:00Z, a leap-day birthday. */
    /** Links as the API builds them, so the bytes compared carry one. */
    private static final ImageLinks LINKS = id -> ("/users/" + new String(id, StandardCharsets.UTF_8) + "/image")
        .getBytes(StandardCharsets.UTF_8);

    private static final long LEAP_DAY = 951_825_600_000L;

    @Parameter
    TestDatabase database;

    private TestPipeline p;

    private UserQueries queries;

    @BeforeEach
    void load() {
        p = TestPipeline.fresh(database, "");
        p.put("plain.csv", TestPipeline.csv("Susan", "Lee", 612_302_400_000L));
        p.put("plain.png", new byte[] { 1 });
        p.put("leap.csv", TestPipeline.csv("Leap", "Day", LEAP_DAY));
        p.put("old.csv", TestPipeline.csv("Old", "Timer", -5_364_662_400_000L));
        // Control characters are rejected when a CSV is read; everything else reaches the
        // JSON.
        p.put("escapes.csv", "first_name,last_name,birthts\n\"\"\"quoted\"\" \\ </script>\",\"é ß 中文 😀 \u2028 "
                + "\u00a0 \ufeff\",-1\n");
        p.put("escapes.png", new byte[] { 1 });
        p.put("a_b-C.csv", TestPipeline.csv("x", "y", 0));
        p.succeed();
        queries = p.bean(UserQueries.class);
    }

    @AfterEach
    void close() {
        p.close();
    }

    private String fromBytes(UserFilter filter, LocalDate today, String after, Integer limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            queries.writeMatching(filter, today, after, limit, LINKS, json);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String fromViews(UserFilter filter, LocalDate today, String after, Integer limit) {
        List<UserView> users = new ArrayList<>();
        queries.forEachMatching(filter, today, after, limit, LINKS, users::add);
        return JSON.writeValueAsString(users);
    }

    @Test
    void theSameBytesAsTheUsersViews() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String all = fromBytes(UserFilter.NONE, today, null, null);
        assertThat(all).isEqualTo(fromViews(UserFilter.NONE, today, null, null))
            .contains("\"user_id\":\"escapes\",\"first_name\":\"\\\"quoted\\\" \\\\ </script>\"")
            .contains("\"last_name\":\"é ß 中文 😀 \u2028 \u00a0 \ufeff\"")
            .contains("\"birthdate\":\"1800-01-01\"")
            .contains("\"img_path\":null,\"image_url\":null")
            .contains("\"image_url\":\"/users/plain/image\"");
        assertThat(JSON.readTree(all)).hasSize(5);
    }

    @Test
    void agesOnTheDaysAroundALeapBirthday() {
        for (LocalDate today : List.of(LocalDate.of(2001, 2, 28), LocalDate.of(2001, 3, 1), LocalDate.of(2004, 2, 28),
                LocalDate.of(2004, 2, 29), LocalDate.of(2026, 12, 31))) {
            String bytes = fromBytes(UserFilter.NONE, today, null, null);
            assertThat(bytes).as("%s", today).isEqualTo(fromViews(UserFilter.NONE, today, null, null));
            int age = JSON.readTree(bytes)
                .valueStream()
                .filter(u -> u.get("user_id").asString().equals("leap"))
                .findFirst()
                .orElseThrow()
                .get("age")
                .asInt();
            assertThat(age).as("%s", today).isEqualTo(UserFilter.age(LocalDate.of(2000, 2, 29), today));
        }
    }

    @Test
    void pagesAndFilters() {
        LocalDate today = LocalDate.of(2026, 12, 2);
        for (UserFilter filter : List.of(UserFilter.NONE, new UserFilter(true, null, null),
                new UserFilter(false, 26, 200), new UserFilter(null, null, 37))) {
            for (String after : new String[] { null, "a_b-C", "leap", "zzz" }) {
                for (Integer limit : new Integer[] { null, 1, 2, 10_000 }) {
                    assertThat(fromBytes(filter, today, after, limit)).as("%s after %s limit %s", filter, after, limit)
                        .isEqualTo(fromViews(filter, today, after, limit));
                }
            }
        }
        assertThat(fromBytes(UserFilter.NONE, today, "zzz", 5)).isEqualTo("[]");
    }

}
