package io.useringest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * JVM options the service is sized for (JAVA_OPTS in their place when set), a cache of
 * its classes made once per build (an ahead-of-time cache on Java 25 and later, a class
 * data archive before), the arguments passed on. Each test runs a copy of the script in a
 * home of its own (bin/ and target/), so the repository's target/ is left alone.
 */
class StartScriptIT {

    private static final String DEFAULTS = "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError";

    @TempDir
    Path home;

    /**
     * A stand-in java that plays the extraction, the question of what it can do and the
     * training run, and prints what the last call (the service's) was given.
     */
    @Test
    void startsTheExtractedJarWithTheServicesJvmOptionsAndItsClassDataArchive() throws Exception {
        Map<String, String> environment = Map.of("JAVA_HOME", standInJava().toString());

        String first = run(environment, "process", "--force");
        Path archive = theOnly(".jsa");
        assertThat(first).isEqualTo("user-ingest: preparing faster starts, once per build (a cache of the classes, "
                + "10-30 s)\n" + DEFAULTS + " -XX:TrimNativeHeapInterval=5000 -XX:SharedArchiveFile=" + archive
                + " -Xlog:cds=off -Xlog:class+path=off -jar " + extracted().resolve("user-ingest.jar")
                + " process --force");
        assertThat(run(environment)).as("the archive is made once")
            .isEqualTo(DEFAULTS + " -XX:TrimNativeHeapInterval=5000 -XX:SharedArchiveFile=" + archive
                    + " -Xlog:cds=off -Xlog:class+path=off -jar " + extracted().resolve("user-ingest.jar"));
        String replaced = run(Map.of("JAVA_HOME", standInJava().toString(), "JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"));
        Path archiveOfOtherOptions = Path.of(replaced.replaceAll("(?s).*-XX:SharedArchiveFile=(\\S+).*", "$1"));
        assertThat(archiveOfOtherOptions).as("options of their own, an archive of their own").isNotEqualTo(archive);
        assertThat(replaced).isEqualTo("user-ingest: preparing faster starts, once per build (a cache of the "
                + "classes, 10-30 s)\n-Xmx1g -XX:+UseG1GC -XX:SharedArchiveFile=" + archiveOfOtherOptions
                + " -Xlog:cds=off -Xlog:class+path=off -jar " + extracted().resolve("user-ingest.jar"));
    }

    @Test
    void aRuntimeThatCannotTrimTheNativeHeapStartsWithoutTheOption() throws Exception {
        String out = run(Map.of("JAVA_HOME", standInJava().toString(), "STAND_IN_FLAGS", "PrintWarnings"));
        assertThat(out).endsWith(DEFAULTS + " -XX:SharedArchiveFile=" + theOnly(".jsa")
                + " -Xlog:cds=off -Xlog:class+path=off -jar " + extracted().resolve("user-ingest.jar"));
    }

    @Test
    void aRuntimeWithAnAheadOfTimeCacheStartsWithIt() throws Exception {
        Map<String, String> environment = Map.of("JAVA_HOME", standInJava().toString(), "STAND_IN_FLAGS",
                "TrimNativeHeapInterval AOTCacheOutput");
        String first = run(environment);
        Path cache = theOnly(".aot");
        String service = DEFAULTS + " -XX:TrimNativeHeapInterval=5000 -XX:AOTCache=" + cache
                + " -Xlog:aot=off -Xlog:cds=off -jar " + extracted().resolve("user-ingest.jar");
        assertThat(first).isEqualTo("user-ingest: preparing faster starts, once per build (a cache of the classes, "
                + "10-30 s)\n" + service);
        assertThat(run(environment)).as("the cache is made once").isEqualTo(service);
    }

    @Test
    void aFailedTrainingRunLeavesNoCacheAndTheServiceStartsWithoutOne() throws Exception {
        String out = run(Map.of("JAVA_HOME", standInJava().toString(), "STAND_IN_TRAINING_FAILS", "yes"));
        assertThat(out).startsWith("user-ingest: preparing faster starts")
            .contains("the training run failed")
            .endsWith(DEFAULTS + " -XX:TrimNativeHeapInterval=5000 -jar " + extracted().resolve("user-ingest.jar"));
        try (Stream<Path> files = Files.list(extracted())) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".jsa") || name.endsWith(".aot"));
        }
    }

    /**
     * A JDK home whose java extracts, answers -XX:+PrintFlagsFinal with the flags in
     * STAND_IN_FLAGS (by default those of Java 17.0.9 and later), makes the cache a
     * training run names (unless STAND_IN_TRAINING_FAILS) and echoes any other call; and
     * a stand-in jar.
     */
    private Path standInJava() throws IOException {
        Path javaHome = home.resolve("jdk");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                case "$*" in
                  *-Djarmode=tools*) shift 5; mkdir -p "$1" && touch "$1/user-ingest.jar" ;;
                  *-XX:ArchiveClassesAtExit=*|*-XX:AOTCacheOutput=*)
                    [ -z "$STAND_IN_TRAINING_FAILS" ] || exit 1
                    for a in "$@"; do
                      case "$a" in -XX:ArchiveClassesAtExit=*|-XX:AOTCacheOutput=*) touch "${a#*=}" ;; esac
                    done ;;
                  *-XX:+PrintFlagsFinal*)
                    for flag in ${STAND_IN_FLAGS-TrimNativeHeapInterval}; do
                      echo "     bool $flag = false {product}"
                    done ;;
                  *) echo "$@" ;;
                esac
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(home.resolve("target"));
        Files.writeString(home.resolve("target/user-ingest.jar"), "a stand-in jar");
        return javaHome;
    }

    private Path extracted() {
        return home.resolve("target/user-ingest");
    }

    /** The one file in the extracted folder whose name ends so. */
    private Path theOnly(String ending) throws IOException {
        try (Stream<Path> files = Files.list(extracted())) {
            List<Path> found = files.filter(f -> f.toString().endsWith(ending)).toList();
            assertThat(found).as("files ending %s in %s", ending, extracted()).hasSize(1);
            return found.get(0);
        }
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
     * With a real Java 25 and the jar: the ahead-of-time cache the training run makes is
     * one the JVM uses (-XX:AOTMode=on refuses to start otherwise).
     */
    @Test
    void onJava25TheAheadOfTimeCacheMadeOnceIsUsedByLaterStarts() throws Exception {
        installJar();
        Path java25 = java25Home();
        String options = "-XX:+UseSerialGC -Xmx256m";
        Map<String, String> environment = Map.of("JAVA_HOME", java25.toString(), "JAVA_OPTS", options, "DATA_DIR",
                home.resolve("data").toString(), "STORAGE_EMBEDDED_PORT", "0", "DEMO_DATA", "false");
        assertThat(run(environment, "process")).contains("preparing faster starts", "run 1 succeeded");
        Path cache = theOnly(".aot");
        assertThat(run(environment, "process")).doesNotContain("preparing").contains("run 2 succeeded");
        ProcessBuilder strict = new ProcessBuilder(java25.resolve("bin/java").toString(), "-XX:+UseSerialGC",
                "-Xmx256m", "-XX:AOTMode=on", "-XX:AOTCache=" + cache, "-jar",
                extracted().resolve("user-ingest.jar").toString(), "process");
        strict.environment().putAll(environment);
        strict.environment().remove("JAVA_OPTS");
        assertThat(finished(strict)).contains("run 3 succeeded");
    }

    /** A JDK 25 or later: JAVA25_HOME, or the one under /usr/lib/jvm. */
    private static Path java25Home() throws IOException {
        String named = System.getenv("JAVA25_HOME");
        if (named != null) {
            return Path.of(named);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        try (Stream<Path> installed = Files.isDirectory(jvms) ? Files.list(jvms) : Stream.empty()) {
            return installed.filter(jdk -> jdk.getFileName().toString().matches(".*-25[-.].*|.*-25"))
                .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("this test needs a JDK 25 (the service must run on 17 and 25): "
                        + "install one under /usr/lib/jvm (e.g. Temurin 25) or set JAVA25_HOME"));
        }
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
        return finished(builder);
    }

    /**
     * The output of a process that ends within 2 minutes with 0; one that does not is
     * stopped, and the test fails with what it printed.
     */
    private String finished(ProcessBuilder builder) throws IOException, InterruptedException {
        Path output = Files.createTempFile(home, "output", ".log");
        Process started = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = started.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly().waitFor();
        }
        String out = Files.readString(output).trim();
        assertThat(ended).as("ended within 2 minutes; it printed:%n%s", out).isTrue();
        assertThat(started.exitValue()).as(out).isZero();
        return out;
    }

}
