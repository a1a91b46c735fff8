package io.useringest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.ChildJvm;
import io.useringest.support.TestStorage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar user-ingest.jar process}: the report as JSON and exit 0, 1 or 2, run
 * as a separate JVM.
 */
class CommandLineIT {

    @TempDir
    Path dir;

    private Map<String, String> embedded() {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("STORAGE_EMBEDDED_PORT", "0");
        return env;
    }

    @Test
    void progressGoesToStderrAsLinesWhenNotATerminalAndStdoutIsOnlyTheReport() throws Exception {
        Map<String, String> env = embedded();
        env.put("PROCESS_PROGRESS_INTERVAL", "50ms");
        ChildJvm.Result result = ChildJvm.run(dir, env, "process");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> progress = result.stderr()
            .lines()
            .filter(l -> l.matches("run \\d+ (listing and reading|resolving users|publishing): [\\d,]+ objects listed, "
                    + "[\\d,]+ read, [\\d,]+ users resolved; [\\d,]+ objects/s, \\d+:\\d\\d:\\d\\d elapsed"))
            .toList();
        assertThat(progress).as(result.stderr()).isNotEmpty();
        assertThat(result.stderr().lines().filter(l -> l.matches("run \\d+ succeeded: .*100 users resolved; .*")))
            .as(result.stderr())
            .hasSize(1);
        assertThat(result.stderr()).doesNotContain("\r");
        JsonMapper json = JsonMapper.builder().build();
        try (var parser = json.createParser(result.stdout())) {
            JsonNode report = json.readTree(parser);
            assertThat(report.get("status").asString()).isEqualTo("succeeded");
            assertThat(parser.nextToken()).as("stdout holds one JSON document and nothing else").isNull();
        }
    }

    @Test
    void processOnTheEmbeddedDefaultsLoadsTheDemoDataPrintsJsonAndExitsZero() throws Exception {
        ChildJvm.Result result = ChildJvm.run(dir, embedded(), "process");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(result.stdout());
        assertThat(report.get("status").asString()).isEqualTo("succeeded");
        assertThat(report.get("trigger").asString()).isEqualTo("command");
        assertThat(report.get("users_total").asLong()).isEqualTo(100);
        assertThat(report.get("rejected")).isEmpty();
        Path output = dir.resolve("data/s3/processed-data");
        List<String> images;
        try (var files = Files.list(output.resolve("images"))) {
            images = files.map(f -> f.getFileName().toString()).toList();
        }
        assertThat(images.size()).as("about 70% of the demo users have an image").isBetween(60, 80);
        assertThat(Files.readAllLines(output.resolve("output.csv"))).hasSize(101);
        try (var sources = Files.walk(dir.resolve("data/s3/source"))) {
            List<String> keys = sources.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
            assertThat(keys).as("both input forms").anyMatch(k -> k.endsWith(".zip")).anyMatch(k -> k.endsWith(".csv"));
        }
    }

    @Test
    void theDemoDataIsTheSameEveryTime() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Files.createDirectories(first);
        Files.createDirectories(second);
        Map<String, String> env = embedded();
        env.put("DATA_DIR", first.resolve("data").toString());
        assertThat(ChildJvm.run(first, env, "process").exitCode()).isZero();
        env.put("DATA_DIR", second.resolve("data").toString());
        assertThat(ChildJvm.run(second, env, "process").exitCode()).isZero();
        assertThat(Files.readString(second.resolve("data/s3/processed-data/output.csv")))
            .isEqualTo(Files.readString(first.resolve("data/s3/processed-data/output.csv")));
    }

    @Test
    void aFailedRunExitsOneWithTheReport() throws Exception {
        Path s3 = dir.resolve("data/s3");
        Files.createDirectories(s3.resolve("processed-data"));
        Files.createDirectories(s3.resolve("source"));
        Files.writeString(s3.resolve("source/1.csv"), "first_name,last_name,birthts\nA,B,1\n");
        // A file where output.csv's folder must go: the store cannot write the CSV.
        Files.writeString(s3.resolve("processed-data/blocked"), "x");
        Map<String, String> env = embedded();
        env.put("OUTPUT_CSV_KEY", "blocked/output.csv");

        ChildJvm.Result result = ChildJvm.run(dir, env, "process");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode report = JsonMapper.builder().build().readTree(result.stdout());
        assertThat(report.get("status").asString()).isEqualTo("failed");
        assertThat(report.get("error").asString()).startsWith("publishing failed after the database was updated");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PROCESSING_INTERVAL | abc                | PROCESSING_INTERVAL: \"abc\" is not a duration",
            "PROCESSING_INTERVAL | -5m                | PROCESSING_INTERVAL",
            "STORAGE_ENDPOINT    | http://127.0.0.1:1 | STORAGE_ENDPOINT: cannot reach http://127.0.0.1:1",
            "STORAGE_ENDPOINT    | minio:9000         | STORAGE_ENDPOINT: \"minio:9000\" is not an http(s) URL",
            "DATABASE_URL        | jdbc:mysql://db/x  | DATABASE_URL: \"jdbc:mysql://db/x\" is not supported",
            "DATABASE_URL        | jdbc:postgresql://127.0.0.1:1/users | DATABASE_URL: cannot connect",
            "SOURCE_BUCKET       | Bad_Bucket         | SOURCE_BUCKET: \"Bad_Bucket\" is not a valid bucket name",
            "STORAGE_SECRET_KEY  | wrong              | STORAGE_ACCESS_KEY/STORAGE_SECRET_KEY: ",
            "DEMO_DATA           | maybe              | DEMO_DATA: \"maybe\" is not true or false", })
    void aSettingThatCannotWorkStopsStartUpWithOneLineNamingIt(String setting, String value, String message)
            throws Exception {
        Map<String, String> env = embedded();
        if (setting.equals("STORAGE_SECRET_KEY")) {
            env.put("STORAGE_ENDPOINT", TestStorage.server().endpoint());
        }
        env.put(setting, value);

        ChildJvm.Result result = ChildJvm.run(dir, env, "process");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        List<String> problems = Arrays.stream(result.stderr().split("\n"))
            .filter(line -> !line.contains(" INFO "))
            .toList();
        assertThat(problems).as(result.stderr()).hasSize(1);
        assertThat(problems.get(0)).startsWith("user-ingest cannot start: ").contains(message);
    }

    @Test
    void anEmbeddedPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> env = embedded();
            env.put("STORAGE_EMBEDDED_PORT", String.valueOf(taken.getLocalPort()));
            ChildJvm.Result result = ChildJvm.run(dir, env, "process");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr()).contains("user-ingest cannot start: STORAGE_EMBEDDED_PORT: port "
                    + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

}
