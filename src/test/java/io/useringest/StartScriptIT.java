package io.useringest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/user-ingest, the README's way to start the service: the jar, extracted, with the
 * JVM options the service is sized for (JAVA_OPTS in their place when set), a class data
 * archive made once per build, the arguments passed on. Each test runs a copy of the
 * script in a home of its own (bin/ and target/), so the repository's target/ is left
 * alone.
 */
class StartScriptIT {

    private static final String DEFAULTS = "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError";

    @TempDir
    Path home;

    /**
     * A stand-in java that plays the extraction and the training run and prints what the
     * last call (the service's) was given.
     */
    @Test
    void startsTheExtractedJarWithTheServicesJvmOptionsAndItsArchive() throws Exception {
        Path javaHome = Files.createDirectories(home.resolve("jdk/bin"));
        Path java = javaHome.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                case "$*" in
                  *-Djarmode=tools*) shift 5; mkdir -p "$1" && touch "$1/user-ingest.jar" ;;
                  *-XX:ArchiveClassesAtExit=*)
                    for a in "$@"; do case "$a" in -XX:ArchiveClassesAtExit=*) touch "${a#*=}" ;; esac; done ;;
                  *-version*) [ -z "$BEFORE_17_0_9" ] ;;
                  *) echo "$@" ;;
                esac
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(home.resolve("target"));
        Files.writeString(home.resolve("target/user-ingest.jar"), "a stand-in jar");
        Map<String, String> environment = Map.of("JAVA_HOME", home.resolve("jdk").toString());

        String first = run(environment, "process", "--force");
        Path extracted = home.resolve("target/user-ingest");
        Path archive;
        try (Stream<Path> files = Files.list(extracted)) {
            archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst().orElseThrow();
        }
        assertThat(first).isEqualTo("user-ingest: preparing faster starts, once per build (a class data archive, "
                + "about 10 s)\n" + DEFAULTS + " -XX:TrimNativeHeapInterval=5000 -XX:SharedArchiveFile=" + archive
                + " -Xlog:cds=off -Xlog:class+path=off -jar " + extracted.resolve("user-ingest.jar")
                + " process --force");
        assertThat(run(environment)).as("the archive is made once")
            .isEqualTo(DEFAULTS + " -XX:TrimNativeHeapInterval=5000 -XX:SharedArchiveFile=" + archive
                    + " -Xlog:cds=off -Xlog:class+path=off -jar " + extracted.resolve("user-ingest.jar"));
        assertThat(run(Map.of("JAVA_HOME", home.resolve("jdk").toString(), "JAVA_OPTS", "-Xmx1g -XX:+UseG1GC")))
            .isEqualTo("-Xmx1g -XX:+UseG1GC -XX:SharedArchiveFile=" + archive
                    + " -Xlog:cds=off -Xlog:class+path=off -jar " + extracted.resolve("user-ingest.jar"));
        try (Stream<Path> files = Files.list(extracted)) {
            for (Path asked : files.filter(f -> f.getFileName().toString().startsWith("trims-native-heap-")).toList()) {
                Files.delete(asked);
            }
        }
        assertThat(run(Map.of("JAVA_HOME", home.resolve("jdk").toString(), "BEFORE_17_0_9", "yes")))
            .as("a runtime that cannot trim the native heap starts without the option")
            .isEqualTo(DEFAULTS + " -XX:SharedArchiveFile=" + archive + " -Xlog:cds=off -Xlog:class+path=off -jar "
                    + extracted.resolve("user-ingest.jar"));
    }

    /**
     * With the real java and jar: the archive the training run makes is one the JVM maps
     * (-Xshare:on refuses to start otherwise), and process runs through the script.
     */
    @Test
    void theArchiveMadeOnceIsUsedByLaterStarts() throws Exception {
        installJar();
        Map<String, String> environment = Map.of("JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m -Xshare:on", "DATA_DIR",
                home.resolve("data").toString(), "STORAGE_EMBEDDED_PORT", "0", "DEMO_DATA", "false");
        assertThat(run(environment, "process")).contains("preparing faster starts", "run 1 succeeded");
        assertThat(run(environment, "process")).doesNotContain("preparing").contains("run 2 succeeded");
    }

    /**
     * The object store and the database are opened beside Spring's start, and their beans
     * take what was opened, for the service and for process alike.
     */
    @Test
    void theStoreAndTheDatabaseAreOpenedWhileTheContextIsBuilt() throws Exception {
        installJar();
        Map<String, String> environment = Map.of("JAVA_OPTS",
                "-XX:+UseSerialGC -Xmx256m -Dlogging.level.io.useringest.config.HeadStart=DEBUG", "DATA_DIR",
                home.resolve("data").toString(), "STORAGE_EMBEDDED_PORT", "0", "DEMO_DATA", "false");
        assertThat(run(environment, "process")).contains("storage: opened while the application context was built",
                "database: opened while the application context was built", "run 1 succeeded");
        Map<String, String> service = new HashMap<>(environment);
        service.put("SERVER_PORT", "0");
        service.put("JAVA_OPTS", environment.get("JAVA_OPTS") + " -Dspring.context.exit=onRefresh");
        assertThat(run(service)).contains("storage: opened while the application context was built",
                "database: opened while the application context was built");
    }

    /** The built jar where bin/user-ingest looks for it, under the test's home. */
    private void installJar() throws IOException {
        Path jar = Path.of("target/user-ingest.jar");
        assertThat(jar).as("the jar (./mvnw package)").exists();
        Files.createDirectories(home.resolve("target"));
        Files.copy(jar, home.resolve("target/user-ingest.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    private String run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        Path script = Files.createDirectories(home.resolve("bin")).resolve("user-ingest");
        Files.copy(Path.of("bin/user-ingest"), script, StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString());
        builder.command().addAll(List.of(arguments));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment);
        Process started = builder.redirectErrorStream(true).start();
        String out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(started.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(started.exitValue()).as(out).isZero();
        return out;
    }

}
