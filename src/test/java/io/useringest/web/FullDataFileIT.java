package io.useringest.web;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import io.useringest.users.UserQueries;
import io.useringest.users.UsersVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unfiltered GET /data kept in a file: the same bytes as from the database, and never
 * older than the last committed run or than today (ages).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class FullDataFileIT {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static final JsonMapper JSON = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build();

    @Parameter
    TestDatabase database;

    private TestPipeline p;

    private FullDataFile body;

    @AfterEach
    void close() {
        if (p != null) {
            p.close();
        }
    }

    /** The body and, when it came from a file, its announced length (else -1). */
    private record Answer(String json, long length) {

        List<String> userIds() {
            List<String> ids = new ArrayList<>();
            JSON.readTree(json).forEach(u -> ids.add(u.get("user_id").asString()));
            return ids;
        }

    }

    private Answer get(LocalDate today) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] length = { -1 };
        body.write(today, out, bytes -> length[0] = bytes);
        return new Answer(out.toString(StandardCharsets.UTF_8), length[0]);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(p.settings.dataDir().resolve("rendered"))) {
            return files.toList();
        }
    }

    @Test
    void theFileIsTheDatabasesAnswerUntilARunOrMidnight() throws Exception {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("First", "User", 0));
        p.put("2.csv", csv("Second", "User", 86_400_000L * 365));
        p.succeed();
        body = new FullDataFile(p.bean(UserQueries.class), p.bean(UsersVersion.class), JSON, p.settings);

        Answer fromDatabase = get(TODAY);
        assertThat(fromDatabase.length()).as("streamed from the database").isEqualTo(-1);
        assertThat(fromDatabase.userIds()).containsExactly("1", "2");
        Answer fromFile = get(TODAY);
        assertThat(fromFile.length()).as("sent from the file").isEqualTo(fromFile.json().length());
        assertThat(fromFile.json()).isEqualTo(fromDatabase.json());
        assertThat(files()).hasSize(1);

        // A run: the file is no longer the users'.
        p.put("3.csv", csv("Third", "User", 1));
        p.runKeys(List.of("3.csv"));
        Answer afterRun = get(TODAY);
        assertThat(afterRun.length()).isEqualTo(-1);
        assertThat(afterRun.userIds()).containsExactly("1", "2", "3");
        assertThat(get(TODAY).json()).isEqualTo(afterRun.json());
        assertThat(files()).as("the earlier version's file is gone").hasSize(1);

        // Midnight: ages change, so does the body.
        JsonNode first = JSON.readTree(afterRun.json()).get(0);
        Answer nextYear = get(TODAY.plusYears(1));
        assertThat(nextYear.length()).isEqualTo(-1);
        assertThat(JSON.readTree(nextYear.json()).get(0).get("age").asInt()).isEqualTo(first.get("age").asInt() + 1);
        assertThat(files()).hasSize(1);
    }

}
