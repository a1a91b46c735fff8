package io.useringest.web;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import io.useringest.users.UserFilter;
import io.useringest.users.UserQueries;
import io.useringest.users.UsersVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages of GET /data kept in memory: the database's answer, and never older than the last
 * committed run (also one this instance was not told of) or than today (ages), in bounded
 * memory.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class JsonPagesIT {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static final JsonMapper JSON = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build();

    private static final UserFilter WITH_IMAGE = new UserFilter(true, null, null);

    @Parameter
    TestDatabase database;

    private TestPipeline p;

    @AfterEach
    void close() {
        if (p != null) {
            p.close();
        }
    }

    /** The page as the database gives it now. */
    private String fromDatabase(UserFilter filter, LocalDate today, String after, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            p.bean(UserQueries.class).writeMatching(filter, today, after, limit, ImageRoute.INSTANCE, generator);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> userIds(byte[] page) {
        List<String> ids = new ArrayList<>();
        JSON.readTree(page).forEach(u -> ids.add(u.get("user_id").asString()));
        return ids;
    }

    private static String text(byte[] page) {
        return new String(page, StandardCharsets.UTF_8);
    }

    @Test
    void aKeptPageIsTheDatabasesAnswerUntilAnyInstancesRunOrMidnight() {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 0));
        p.put("2.csv", csv("Second", "User", 86_400_000L * 365));
        p.put("2.png", new byte[] { 1 });
        p.succeed();
        // A reader that is not told of runs, as another instance is not.
        JsonPages pages = new JsonPages(p.bean(UserQueries.class), new UsersVersion(p.database()), JSON);

        byte[] first = pages.page(UserFilter.NONE, TODAY, null, 10);
        assertThat(text(first)).isEqualTo(fromDatabase(UserFilter.NONE, TODAY, null, 10));
        assertThat(userIds(first)).containsExactly("1", "2");
        assertThat(pages.page(UserFilter.NONE, TODAY, null, 10)).as("kept, not rendered again").isSameAs(first);
        assertThat(userIds(pages.page(UserFilter.NONE, TODAY, "1", 10))).containsExactly("2");
        assertThat(userIds(pages.page(UserFilter.NONE, TODAY, null, 1))).containsExactly("1");
        assertThat(userIds(pages.page(WITH_IMAGE, TODAY, null, 10))).containsExactly("2");

        // A targeted run, as a storage event starts: a new user and a changed one.
        p.put("3.csv", csv("Third", "User", 1));
        p.put("1.csv", csv("Renamed", "User", 0));
        p.runKeys(List.of("3.csv", "1.csv"));
        byte[] afterRun = pages.page(UserFilter.NONE, TODAY, null, 10);
        assertThat(userIds(afterRun)).containsExactly("1", "2", "3");
        assertThat(JSON.readTree(afterRun).get(0).get("first_name").asString()).isEqualTo("Renamed");
        assertThat(text(afterRun)).isEqualTo(fromDatabase(UserFilter.NONE, TODAY, null, 10));
        assertThat(userIds(pages.page(UserFilter.NONE, TODAY, "1", 10))).containsExactly("2", "3");

        // A full run that removes the image.
        p.delete("2.png");
        p.succeed();
        assertThat(userIds(pages.page(WITH_IMAGE, TODAY, null, 10))).isEmpty();

        // Midnight a year on: every age is one more.
        JsonNode before = JSON.readTree(pages.page(UserFilter.NONE, TODAY, null, 10));
        JsonNode nextYear = JSON.readTree(pages.page(UserFilter.NONE, TODAY.plusYears(1), null, 10));
        for (int i = 0; i < 3; i++) {
            assertThat(nextYear.get(i).get("age").asInt()).isEqualTo(before.get(i).get("age").asInt() + 1);
        }
    }

    @Test
    void theKeptPagesStayWithinTheirBoundAndOlderVersionsAreDropped() {
        p = TestPipeline.fresh(database, "");
        for (int i = 0; i < 40; i++) {
            p.put(String.format("%02d.csv", i), csv("First" + i, "Last" + i, i * 1_000L));
        }
        p.succeed();
        long bound = 4 * 1024;
        JsonPages pages = new JsonPages(p.bean(UserQueries.class), p.bean(UsersVersion.class), JSON, bound);
        long pageOfTen = pages.page(UserFilter.NONE, TODAY, null, 10).length;
        assertThat(pageOfTen).as("the test's pages are smaller than the bound").isLessThan(bound / 2);
        for (int i = 0; i < 30; i++) {
            byte[] page = pages.page(UserFilter.NONE, TODAY, String.format("%02d", i), 10);
            assertThat(userIds(page)).first().isEqualTo(String.format("%02d", i + 1));
            assertThat(pages.heldBytes()).as("bytes held after page " + i).isLessThanOrEqualTo(bound);
        }
        assertThat(pages.heldBytes()).as("pages are kept up to the bound").isGreaterThan(bound - 2 * pageOfTen);

        p.delete("00.csv");
        p.runKeys(List.of("00.csv"));
        byte[] newest = pages.page(UserFilter.NONE, TODAY, null, 10);
        assertThat(userIds(newest)).first().isEqualTo("01");
        assertThat(pages.heldBytes()).as("only the new version's page is held").isEqualTo(newest.length);
    }

    @Test
    void aPageOfMoreRowsThanAreKeptIsRefused() {
        p = TestPipeline.fresh(database, "");
        JsonPages pages = new JsonPages(p.bean(UserQueries.class), p.bean(UsersVersion.class), JSON);
        assertThatThrownBy(() -> pages.page(UserFilter.NONE, TODAY, null, JsonPages.MAX_ROWS + 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1 to " + JsonPages.MAX_ROWS);
        assertThat(text(pages.page(UserFilter.NONE, TODAY, null, JsonPages.MAX_ROWS))).isEqualTo("[]");
    }

}
