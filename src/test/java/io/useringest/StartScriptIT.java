package io.useringest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/user-ingest, the README's way to start the service: the jar with the JVM options
 * the service is sized for, JAVA_OPTS in their place when set, the arguments passed on.
 * The java it starts is a stand-in that prints what it was given (the service itself is
 * started by the other tests).
 */
class StartScriptIT {

    @TempDir
    Path javaHome;

    @Test
    void startsTheJarWithTheServicesJvmOptionsAndPassesTheArgumentsOn() throws Exception {
        String jar = Path.of("target/user-ingest.jar").toAbsolutePath().toString();
        assertThat(run(Map.of(), "process", "--force"))
            .isEqualTo("-XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError -jar " + jar + " process --force");
        assertThat(run(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"))).isEqualTo("-Xmx1g -XX:+UseG1GC -jar " + jar);
    }

    private String run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("sh", "bin/user-ingest");
        builder.command().addAll(List.of(arguments));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().putAll(environment);
        Process script = builder.redirectErrorStream(true).start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(script.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(out).isZero();
        return out;
    }

}
