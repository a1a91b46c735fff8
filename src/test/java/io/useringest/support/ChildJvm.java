package io.useringest.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the application's main in a separate JVM, as the jar would run, and collects its
 * exit code and output.
 */
public final class ChildJvm {

    /** What the child did. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ChildJvm() {
    }

    public static Result run(Path dir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = start(dir, environment, List.of(), out, err, args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The command line that runs the application with the given JVM options. */
    public static List<String> command(List<String> jvmOptions, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.useringest.UserIngestApplication"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The environment of a child: this JVM's, without settings that would leak into it,
     * and the given ones.
     */
    public static void environment(Map<String, String> target, Map<String, String> environment) {
        target.keySet()
            .removeIf(name -> name.startsWith("STORAGE_") || name.startsWith("DATABASE_") || name.startsWith("SOURCE_")
                    || name.startsWith("OUTPUT_") || name.equals("DATA_DIR"));
        target.putAll(environment);
    }

    /**
     * Starts the application in a JVM of its own with the given JVM options; output goes
     * to the two files.
     */
    public static Process start(Path dir, Map<String, String> environment, List<String> jvmOptions, Path out, Path err,
            String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args)).directory(dir.toFile());
        environment(builder.environment(), environment);
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return builder.start();
    }

}
