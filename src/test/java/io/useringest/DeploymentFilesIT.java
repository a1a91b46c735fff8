package io.useringest;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.config.Settings;
import io.useringest.support.Http;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.bind.annotation.PostMapping;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container files, checked without a container engine (none runs here): what
 * docker-compose.yml sets on the service is what the service reads, MinIO's webhook
 * reaches the service's events endpoint with its token, the init script makes the buckets
 * the service uses, and the Dockerfile's entrypoint, run as a plain process over the jar
 * extracted the way the image extracts it, starts the service.
 */
class DeploymentFilesIT {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)[^}]*}");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) throws IOException {
        return (Map<String, String>) service(service).get("environment");
    }

    /** The settings the service reads: the tables of docs/configuration.md. */
    private static Set<String> knownSettings() throws IOException {
        Set<String> known = new TreeSet<>();
        Matcher names = Pattern.compile("^\\| `([A-Z][A-Z0-9_]+)`", Pattern.MULTILINE)
            .matcher(Files.readString(Path.of("docs", "configuration.md")));
        while (names.find()) {
            known.add(names.group(1));
        }
        return known;
    }

    /**
     * Every property the code reads as a setting is in the configuration reference, under
     * its environment variable's name.
     */
    @Test
    void everySettingTheCodeReadsIsDocumented() throws IOException {
        Set<String> read = new TreeSet<>();
        for (String source : List.of("config/Settings.java", "config/HttpListener.java", "cli/ProcessCommand.java")) {
            Matcher property = Pattern
                .compile("(?:getProperty|get|port|bucket|nonBlank|positive|bool|text)\\((?:env, )?"
                        + "\"([a-z]+\\.[a-z.-]+)\"|PROGRESS_INTERVAL = \"([a-z.-]+)\"")
                .matcher(Files.readString(Path.of("src/main/java/io/useringest", source)));
            while (property.find()) {
                String name = property.group(1) != null ? property.group(1) : property.group(2);
                read.add(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
        }
        assertThat(read).contains("STORAGE_ENDPOINT", "SERVER_ADDRESS", "SERVER_PORT", "PROCESS_PROGRESS_INTERVAL",
                "API_READ_AUTH");
        assertThat(knownSettings()).containsAll(read);
    }

    @Test
    void everyVariableSetOnTheServiceIsASettingItReads() throws IOException {
        Set<String> known = knownSettings();
        assertThat(known).contains("STORAGE_ENDPOINT", "DATABASE_URL", "EVENTS_TOKEN", "ADMIN_PASSWORD");
        assertThat(environment("app").keySet()).isNotEmpty().allSatisfy(name -> assertThat(known).contains(name));
    }

    @Test
    void minioSendsTheSourceBucketsEventsToTheServicesEndpointWithItsToken() throws Exception {
        Map<String, String> minio = environment("minio");
        Map<String, String> app = environment("app");
        Method events = Arrays.stream(Class.forName("io.useringest.events.EventsController").getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(PostMapping.class))
            .findFirst()
            .orElseThrow();
        String path = events.getAnnotation(PostMapping.class).value()[0];
        assertThat(minio.get("MINIO_NOTIFY_WEBHOOK_ENDPOINT_INGEST")).isEqualTo("http://app:8080" + path);
        assertThat(String.valueOf(minio.get("MINIO_NOTIFY_WEBHOOK_ENABLE_INGEST"))).isEqualTo("on");
        assertThat(minio.get("MINIO_NOTIFY_WEBHOOK_QUEUE_DIR_INGEST")).as("durable events").startsWith("/data/");
        assertThat(variables(minio.get("MINIO_NOTIFY_WEBHOOK_AUTH_TOKEN_INGEST")))
            .isEqualTo(variables(app.get("EVENTS_TOKEN")))
            .containsExactly("EVENTS_TOKEN");
        String init = Files.readString(Path.of("deploy", "minio-init.sh"));
        assertThat(init).contains("mc event add local/" + app.get("SOURCE_BUCKET") + " arn:minio:sqs::INGEST:webhook")
            .contains("--event put,delete");
    }

    @Test
    void theInitScriptMakesTheBucketsTheServiceUses() throws IOException {
        Settings defaults = Settings.from(new MockEnvironment());
        Map<String, String> app = environment("app");
        assertThat(app.get("SOURCE_BUCKET")).isEqualTo(defaults.sourceBucket());
        assertThat(app.get("OUTPUT_BUCKET")).isEqualTo(defaults.outputBucket());
        String init = Files.readString(Path.of("deploy", "minio-init.sh"));
        assertThat(init).contains("mc mb --ignore-existing local/" + defaults.sourceBucket() + "\n")
            .contains("mc mb --ignore-existing local/" + defaults.outputBucket() + "\n");
        assertThat(service("minio-init").get("volumes").toString()).contains("./deploy/minio-init.sh")
            .contains("./src/test/resources/sample-data");
        assertThat(Path.of("src/test/resources/sample-data/1000.csv")).exists();
    }

    @Test
    void secretsComeFromDotEnvWhoseExampleDefinesEveryOne() throws IOException {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        Set<String> used = new TreeSet<>(variables(compose));
        Set<String> defined = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                defined.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(used).isNotEmpty().isEqualTo(defined);
        assertThat(Files.readString(Path.of(".gitignore")).lines()).contains(".env");
        assertThat(compose).doesNotContainPattern("(?i)password: [^$\\s]");
    }

    @Test
    void theImageRunsAsANonRootUserWithAHealthCheckAndContainerSizedMemory() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:\\d+-jdk AS build$")
            .containsPattern("(?m)^FROM eclipse-temurin:\\d+-jre$")
            .containsPattern("(?m)^USER ingest$")
            .contains("extract --layers")
            .containsPattern("(?m)^HEALTHCHECK .*\\n\\s+CMD curl .*/actuator/health")
            .contains("-XX:MaxRAMPercentage=")
            .containsPattern("(?m)^ENV DATA_DIR=/data$");
        assertThat(Files.readString(Path.of(".dockerignore"))).contains("src/test/");
    }

    /**
     * The container's memory is limited, and the heap the image takes of it is the heap
     * bin/user-ingest gives the service; the image and compose listen beyond loopback on
     * purpose, and compose's health check gives start-up time.
     */
    @Test
    void composeLimitsMemoryToWhatTheHeapSettingExpectsAndListensOnPurpose() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(dockerfile);
        assertThat(percentage.find()).isTrue();
        Matcher limit = Pattern.compile("(\\d+)m").matcher(String.valueOf(service("app").get("mem_limit")));
        assertThat(limit.matches()).as("app's mem_limit in MiB: %s", service("app").get("mem_limit")).isTrue();
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(Files.readString(Path.of("bin", "user-ingest")));
        assertThat(xmx.find()).isTrue();
        assertThat(Long.parseLong(limit.group(1)) * Long.parseLong(percentage.group(1)) / 100)
            .as("the container's heap equals bin/user-ingest's")
            .isEqualTo(Long.parseLong(xmx.group(1)));
        assertThat(dockerfile).containsPattern("(?m)^ENV SERVER_ADDRESS=0\\.0\\.0\\.0$");
        assertThat(environment("app")).containsEntry("SERVER_ADDRESS", "0.0.0.0");
        assertThat(String.valueOf(service("app").get("healthcheck"))).contains("start_period");
    }

    @Test
    void theImagesEntrypointStartsTheService() throws Exception {
        Path jar = Path.of("target", "user-ingest.jar");
        assertThat(jar).as("the jar the image is built from (./mvnw package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path layers = dir.resolve("layers");
        run(List.of(java, "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--layers",
                "--destination", layers.toString()));
        Path app = dir.resolve("app");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            copyInto(layers.resolve(layer), app);
        }
        // The image's training run, as its RUN step does it, into the archive its
        // entrypoint names.
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("-XX:ArchiveClassesAtExit=/app/classes.jsa", "-Dspring.context.exit=onRefresh");
        ProcessBuilder training = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=classes.jsa",
                "-Dspring.context.exit=onRefresh", "-jar", "user-ingest.jar")
            .directory(app.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("training.log").toFile());
        training.environment().put("DATA_DIR", dir.resolve("training").toString());
        training.environment().put("SERVER_PORT", "0");
        training.environment().put("STORAGE_EMBEDDED_PORT", "0");
        training.environment().put("DEMO_DATA", "false");
        assertThat(training.start().waitFor()).as(Files.readString(dir.resolve("training.log"))).isZero();
        assertThat(app.resolve("classes.jsa")).as("the class data archive of the training run").exists();
        List<String> command = new ArrayList<>();
        for (String word : entrypoint()) {
            command.add(word.replace("/app/", app + "/"));
        }
        assertThat(command).contains("-XX:SharedArchiveFile=" + app.resolve("classes.jsa"));
        assertThat(command.get(0)).isEqualTo("java");
        command.set(0, java);
        // The archive must map: with -Xshare:on the JVM refuses to start otherwise.
        command.add(1, "-Xshare:on");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().put("DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("STORAGE_EMBEDDED_PORT", "0");
        builder.environment().put("ADMIN_PASSWORD", "entrypoint-test");
        Process service = builder.start();
        try {
            Http http = new Http(port);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            boolean served = false;
            while (!served && System.nanoTime() < deadline && service.isAlive()) {
                try {
                    HttpResponse<String> runs = http.get("/runs");
                    served = runs.statusCode() == 200 && runs.body().contains("\"status\":\"succeeded\"");
                }
                catch (IllegalStateException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            assertThat(served).as(Files.readString(dir.resolve("service.log"))).isTrue();
            assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        }
        finally {
            service.destroy();
            service.waitFor();
        }
    }

    private List<String> entrypoint() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher line = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(dockerfile);
        assertThat(line.find()).as("an exec-form ENTRYPOINT").isTrue();
        return Arrays.asList(JsonMapper.builder().build().readValue(line.group(1), String[].class));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }

    /** As the image's COPY instructions do: each layer's files into one folder. */
    private static void copyInto(Path layer, Path target) throws IOException {
        if (!Files.isDirectory(layer)) {
            return;
        }
        try (Stream<Path> files = Files.walk(layer)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(layer.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                }
                else {
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static List<String> variables(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

}
