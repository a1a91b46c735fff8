package io.useringest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.ChildJvm;
import io.useringest.support.Http;
import io.useringest.support.TestStorage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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

    /**
     * In a pseudo-terminal (util-linux script) of 80 columns, with stdout redirected to a
     * file as README shows, the bar is drawn on stderr and redrawn as the run goes:
     * several different renders, each within the width, the objects listed growing.
     */
    @Test
    void inATerminalTheBarMovesAndFitsTheWidth() throws Exception {
        Path source = dir.resolve("data/s3/source/many");
        for (int folder = 0; folder < 10; folder++) {
            Files.createDirectories(source.resolve("f" + folder));
            for (int i = 0; i < 1000; i++) {
                Files.writeString(source.resolve("f" + folder + "/t" + folder + "x" + i + ".csv"),
                        "first_name,last_name,birthts\nTe,Rminal,86400000\n");
            }
        }
        Map<String, String> env = embedded();
        env.put("DEMO_DATA", "false");
        String java = ChildJvm.command(List.of(), "process")
            .stream()
            .map(arg -> "'" + arg.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
        Path typescript = dir.resolve("typescript");
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c",
                "stty cols 80 rows 24; " + java + " > report.json", typescript.toString())
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("script-out").toFile())
            .redirectErrorStream(true);
        ChildJvm.environment(builder.environment(), env);
        Process script;
        try {
            script = builder.start();
        }
        catch (IOException e) {
            throw new AssertionError(
                    "util-linux's script is needed for the pseudo-terminal (apt-get install -y " + "bsdutils)", e);
        }
        assertThat(script.waitFor(120, TimeUnit.SECONDS)).as("the process command in a terminal finished").isTrue();
        String terminal = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(script.exitValue()).as(terminal).isZero();

        List<String> renders = Arrays.stream(terminal.split("[\r\n]+"))
            .map(render -> render.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", ""))
            .filter(render -> render.startsWith("listed "))
            .distinct()
            .toList();
        assertThat(renders).as(terminal).hasSizeGreaterThanOrEqualTo(3);
        assertThat(renders).allSatisfy(render -> assertThat(render.length()).as(render).isLessThan(80));
        List<Long> listed = renders.stream()
            .map(render -> render.replaceAll("^.*? (\\d+)/\\S+ \\(.*$", "$1"))
            .filter(count -> count.matches("\\d+"))
            .map(Long::parseLong)
            .distinct()
            .toList();
        assertThat(listed).as(String.join("\n", renders)).isSorted().hasSizeGreaterThan(2);
        assertThat(terminal).contains("run 1 succeeded: 10,000 objects listed");
        assertThat(Http.jsonOf(Files.readString(dir.resolve("report.json"))).get("users_total").asLong())
            .isEqualTo(10_000);
    }

    /**
     * The service and the process command on the same DATA_DIR at once: the command uses
     * the service's embedded S3 server instead of failing on its port, and logs no admin
     * password (it has no use for one).
     */
    @Test
    void processRunsBesideTheServiceOnTheSameDataDirectory() throws Exception {
        Map<String, String> env = embedded();
        env.put("SERVER_PORT", "0");
        Path out = dir.resolve("service.out");
        Process service = ChildJvm.start(dir, env, List.of(), out, dir.resolve("service.err"));
        try {
            Path lock = dir.resolve("data/embedded-s3.lock");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(Files.exists(out) && Files.readString(out).contains("HTTP on http://127.0.0.1:"))) {
                assertThat(service.isAlive()).as("the service is running").isTrue();
                assertThat(System.nanoTime()).as("the service started within 90 s").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(Files.readString(lock)).startsWith("http://127.0.0.1:");
            Map<String, String> command = embedded();
            command.put("STORAGE_EMBEDDED_PORT", Files.readString(lock).strip().replaceAll(".*:", ""));

            ChildJvm.Result result = ChildJvm.run(dir, command, "process");

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).contains("the embedded server of the service running on")
                .doesNotContainIgnoringCase("password");
            assertThat(Http.jsonOf(result.stdout()).get("users_total").asLong()).isEqualTo(100);
        }
        finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
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

    /**
     * The server's settings, HTTP's too, are checked before anything starts: one line,
     * exit 2, and not a line of the framework's start-up before it.
     */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = { "SERVER_PORT | 99999 | SERVER_PORT: \"99999\" is not a port number",
            "SERVER_PORT | abc | SERVER_PORT: \"abc\" is not a port number",
            "SERVER_ADDRESS | 198.51.100.254 | SERVER_ADDRESS: \"198.51.100.254\" is not an address of this machine",
            "SERVER_ADDRESS | bad..name | SERVER_ADDRESS: \"bad..name\" is not an address of this machine",
            "PROCESSING_INTERVAL | abc | PROCESSING_INTERVAL: \"abc\" is not a duration",
            "DATABASE_POOL_SIZE | 0 | DATABASE_POOL_SIZE: \"0\" is not a positive whole number", })
    void aBadServerSettingIsOneLineBeforeAnythingStarts(String setting, String value, String message) throws Exception {
        Map<String, String> env = embedded();
        env.put("SERVER_PORT", "0");
        env.put(setting, value);

        ChildJvm.Result result = ChildJvm.run(dir, env);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stdout()).as("nothing started, nothing logged").isEmpty();
        List<String> lines = result.stderr().strip().lines().toList();
        assertThat(lines).as(result.stderr()).hasSize(1);
        assertThat(lines.get(0)).startsWith("user-ingest cannot start: " + message);
    }

    @Test
    void anHttpPortInUseIsNamedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> env = embedded();
            env.put("SERVER_PORT", String.valueOf(taken.getLocalPort()));
            ChildJvm.Result result = ChildJvm.run(dir, env);
            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr().strip()).isEqualTo("user-ingest cannot start: SERVER_PORT: port "
                    + taken.getLocalPort() + " on 127.0.0.1 is in use (is user-ingest already running? stop it, or "
                    + "set SERVER_PORT to another port)");
        }
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
