package io.useringest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.storage.StorageConnection;
import io.useringest.support.Http;
import io.useringest.support.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The S3 clients data engineers bring — the AWS CLI v2, s3cmd and rclone (Debian's
 * {@code awscli}, {@code s3cmd}, {@code rclone}) — against the embedded server on its
 * defaults: put (keys with a space, unicode and {@code +}), multipart put of a zip of
 * users and of a large image, server-side copy, move, sync with deletion, remove. Each
 * change is served by {@code GET /users/<id>} within 2 s of the command returning, with
 * no other trigger than the storage events, and afterwards a full run finds nothing to
 * change: the state the events made equals a rebuild. Run alone with
 * {@code ./mvnw -B verify -Dit.test='*ConformanceIT' -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("s3-clients")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class S3ClientsConformanceIT {

    private static final Duration SERVED_WITHIN = Duration.ofSeconds(2);

    private static final String CSV_HEADER = "first_name,last_name,birthts\n";

    static Path dir;

    @LocalServerPort
    int port;

    @Autowired
    StorageConnection storage;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("s3-clients");
        registry.add("data.dir", () -> dir.resolve("data").toString());
        registry.add("storage.embedded-port", () -> "0");
        registry.add("processing.interval", () -> "PT24H");
        registry.add("admin.password", () -> "test-secret");
    }

    @Test
    void theAwsCliV2() throws Exception {
        Tool aws = new Tool(executable("aws", "awscli"),
                Map.of("AWS_ACCESS_KEY_ID", "minioadmin", "AWS_SECRET_ACCESS_KEY", "minioadmin", "AWS_DEFAULT_REGION",
                        "us-east-1", "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONFIG_FILE",
                        dir.resolve("no-aws-config").toString(), "AWS_SHARED_CREDENTIALS_FILE",
                        dir.resolve("no-aws-credentials").toString()));
        assertThat(aws.run("--version")).as("the AWS CLI v2 (Debian's awscli)").contains("aws-cli/2");
        String endpoint = "--endpoint-url=" + storage.endpoint();
        Path work = Files.createDirectories(dir.resolve("aws"));
        Http http = started();

        Path odd = csv(work, "a1.csv", "Aws", "Odd");
        aws.run("s3", "cp", odd.toString(), "s3://source/aws/a b+ü/a1.csv", endpoint);
        served(http, "a1", "a file under a key with a space, unicode and +");

        Path zip = usersZip(work, "a-batch.zip", "az", 30);
        aws.run("s3", "cp", zip.toString(), "s3://source/aws/zips/a-batch.zip", endpoint);
        for (int i = 0; i < 30; i++) {
            served(http, "az" + i, "a user of a zip put in parts");
        }

        Path image = bytes(work, "a1.png", 10 * 1024 * 1024 + 17);
        aws.run("s3", "cp", image.toString(), "s3://source/aws/a b+ü/a1.png", endpoint);
        servedWith(http, "a1", user -> !user.get("img_path").isNull(), "a1's image, put in parts");

        aws.run("s3", "cp", "s3://source/aws/a b+ü/a1.csv", "s3://source/aws/copies/a2.csv", endpoint);
        served(http, "a2", "a server-side copy");

        aws.run("s3", "mv", "s3://source/aws/copies/a2.csv", "s3://source/aws/moved/a3.csv", endpoint);
        served(http, "a3", "the target of a move");
        gone(http, "a2", "the source of a move");

        Path folder = syncFolder(work.resolve("sync"), "as");
        aws.run("s3", "sync", folder.toString(), "s3://source/aws/sync/", endpoint);
        for (int i = 0; i < 5; i++) {
            served(http, "as" + i, "a synced file");
        }
        servedWith(http, "asbig", user -> !user.get("img_path").isNull(), "a synced image of 9 MiB, put in parts");
        Files.delete(folder.resolve("as4.csv"));
        aws.run("s3", "sync", "--delete", folder.toString(), "s3://source/aws/sync/", endpoint);
        gone(http, "as4", "a file sync --delete removed");

        aws.run("s3", "rm", "s3://source/aws/moved/a3.csv", endpoint);
        gone(http, "a3", "a removed file");

        aFullRunChangesNothing(http);
    }

    @Test
    void s3cmd() throws Exception {
        Path config = dir.resolve("s3cmd.cfg");
        String hostPort = storage.endpoint().replace("http://", "");
        Files.writeString(config,
                "[default]\naccess_key = minioadmin\nsecret_key = minioadmin\nhost_base = " + hostPort
                        + "\nhost_bucket = " + hostPort + "\nuse_https = False\nbucket_location = us-east-1\n"
                        + "signature_v2 = False\n");
        Tool s3cmd = new Tool(executable("s3cmd", "s3cmd"), Map.of());
        String cfg = "--config=" + config;
        Path work = Files.createDirectories(dir.resolve("s3cmd"));
        Http http = started();

        s3cmd.run(cfg, "put", csv(work, "c1.csv", "S3cmd", "Odd").toString(), "s3://source/s3cmd/c d+é/c1.csv");
        served(http, "c1", "a file under a key with a space, unicode and +");

        Path zip = usersZip(work, "c-batch.zip", "cz", 30);
        s3cmd.run(cfg, "--multipart-chunk-size-mb=5", "put", zip.toString(), "s3://source/s3cmd/c-batch.zip");
        served(http, "cz29", "a user of a zip put in parts");

        s3cmd.run(cfg, "cp", "s3://source/s3cmd/c d+é/c1.csv", "s3://source/s3cmd/c2.csv");
        served(http, "c2", "a server-side copy");

        Path folder = syncFolder(work.resolve("sync"), "cs");
        s3cmd.run(cfg, "--multipart-chunk-size-mb=5", "sync", folder + "/", "s3://source/s3cmd/sync/");
        servedWith(http, "csbig", user -> !user.get("img_path").isNull(), "a synced image of 9 MiB, put in parts");
        Files.delete(folder.resolve("cs0.csv"));
        s3cmd.run(cfg, "sync", "--delete-removed", folder + "/", "s3://source/s3cmd/sync/");
        gone(http, "cs0", "a file sync --delete-removed removed");

        s3cmd.run(cfg, "del", "s3://source/s3cmd/c2.csv");
        gone(http, "c2", "a removed file");

        aFullRunChangesNothing(http);
    }

    @Test
    void rclone() throws Exception {
        Tool rclone = new Tool(executable("rclone", "rclone"),
                Map.of("RCLONE_CONFIG", dir.resolve("rclone.conf").toString(), "RCLONE_CONFIG_EMB_TYPE", "s3",
                        "RCLONE_CONFIG_EMB_PROVIDER", "Other", "RCLONE_CONFIG_EMB_ENDPOINT", storage.endpoint(),
                        "RCLONE_CONFIG_EMB_ACCESS_KEY_ID", "minioadmin", "RCLONE_CONFIG_EMB_SECRET_ACCESS_KEY",
                        "minioadmin", "RCLONE_CONFIG_EMB_REGION", "us-east-1"));
        String cutoff = "--s3-upload-cutoff=5M";
        String chunk = "--s3-chunk-size=5M";
        Path work = Files.createDirectories(dir.resolve("rclone"));
        Http http = started();

        rclone.run("copyto", cutoff, csv(work, "r1.csv", "Rclone", "Odd").toString(), "emb:source/rclone/r s+ø/r1.csv");
        served(http, "r1", "a file under a key with a space, unicode and +");

        Path zip = usersZip(work, "r-batch.zip", "rz", 30);
        rclone.run("copyto", cutoff, chunk, zip.toString(), "emb:source/rclone/r-batch.zip");
        served(http, "rz29", "a user of a zip put in parts");

        rclone.run("moveto", "emb:source/rclone/r s+ø/r1.csv", "emb:source/rclone/moved/r2.csv");
        served(http, "r2", "the target of a move");
        gone(http, "r1", "the source of a move");

        Path folder = syncFolder(work.resolve("sync"), "rs");
        rclone.run("sync", cutoff, chunk, folder.toString(), "emb:source/rclone/sync");
        servedWith(http, "rsbig", user -> !user.get("img_path").isNull(), "a synced image of 9 MiB, put in parts");
        Files.delete(folder.resolve("rs1.csv"));
        rclone.run("sync", folder.toString(), "emb:source/rclone/sync");
        gone(http, "rs1", "a file sync removed");

        rclone.run("deletefile", "emb:source/rclone/moved/r2.csv");
        gone(http, "r2", "a removed file");

        aFullRunChangesNothing(http);
    }

    /** The service, once its start-up run is over. */
    private Http started() throws InterruptedException {
        Http http = new Http(port);
        poll(Duration.ofSeconds(60), () -> {
            JsonNode runs = Http.json(http.get("/runs?limit=1"));
            return !runs.isEmpty() && !runs.get(0).get("status").asString().equals("running");
        }, "the start-up run");
        return http;
    }

    private static void served(Http http, String userId, String what) throws InterruptedException {
        servedWith(http, userId, user -> true, what);
    }

    private static void servedWith(Http http, String userId, Predicate<JsonNode> condition, String what)
            throws InterruptedException {
        long start = System.nanoTime();
        poll(Duration.ofSeconds(30), () -> {
            var response = http.get("/users/" + userId);
            return response.statusCode() == 200 && condition.test(Http.json(response));
        }, what + " (user " + userId + ")");
        assertWithin(start, what + " (user " + userId + ")");
    }

    private static void gone(Http http, String userId, String what) throws InterruptedException {
        long start = System.nanoTime();
        poll(Duration.ofSeconds(30), () -> http.get("/users/" + userId).statusCode() == 404,
                what + " (user " + userId + ") to be removed");
        assertWithin(start, what + " (user " + userId + ") removed");
    }

    private static void assertWithin(long start, String what) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("%s served after %s ms", what, took.toMillis()).isLessThanOrEqualTo(SERVED_WITHIN);
    }

    /** A full run over the whole source finds nothing the events left undone. */
    private static void aFullRunChangesNothing(Http http) {
        var response = http.post("/data", Http.basic("admin", "test-secret"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = Http.json(response);
        assertThat(report.get("users_added").asLong()).as("users a full run added").isZero();
        assertThat(report.get("users_updated").asLong()).as("users a full run updated").isZero();
        assertThat(report.get("users_removed").asLong()).as("users a full run removed").isZero();
        assertThat(report.get("warnings").toString()).doesNotContain("s3proxy").doesNotContain(".mpus");
    }

    private static void poll(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
    }

    private static Path csv(Path folder, String name, String first, String last) throws IOException {
        return Files.writeString(folder.resolve(name), CSV_HEADER + first + "," + last + ",86400000\n");
    }

    private static Path bytes(Path folder, String name, int size) throws IOException {
        byte[] noise = new byte[size];
        new Random(size).nextBytes(noise);
        return Files.write(folder.resolve(name), noise);
    }

    /** A zip over 16 MiB (incompressible images) of {@code count} users with images. */
    private static Path usersZip(Path folder, String name, String prefix, int count) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Random random = new Random(count);
        for (int i = 0; i < count; i++) {
            byte[] image = new byte[600 * 1024];
            random.nextBytes(image);
            files.put("users/" + prefix + i + ".png", image);
            files.put("users/" + prefix + i + ".csv",
                    Zips.utf8(CSV_HEADER + "Zip,User" + i + "," + (86_400_000L * (i + 1)) + "\n"));
        }
        byte[] zip = Zips.zip(files);
        assertThat(zip.length).isGreaterThanOrEqualTo(16 * 1024 * 1024);
        return Files.write(folder.resolve(name), zip);
    }

    /**
     * Five small CSVs and a user with an image of 9 MiB, as a sync of a real folder has.
     */
    private static Path syncFolder(Path folder, String prefix) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < 5; i++) {
            csv(folder, prefix + i + ".csv", "Synced", "User" + i);
        }
        csv(folder, prefix + "big.csv", "Synced", "Big");
        bytes(folder, prefix + "big.png", 9 * 1024 * 1024);
        return folder;
    }

    /**
     * The client's executable: Debian's (under /usr/bin, ahead of any other on PATH),
     * else the one on PATH; a missing one fails the test with the package to install.
     */
    private static String executable(String name, String debianPackage) {
        Path debian = Path.of("/usr/bin", name);
        if (Files.isExecutable(debian)) {
            return debian.toString();
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(folder, name))) {
                return Path.of(folder, name).toString();
            }
        }
        throw new AssertionError(
                name + " is not installed: apt-get install -y " + debianPackage + " (.ci/run installs it)");
    }

    /** A command-line client run to completion; a non-zero exit fails with its output. */
    private record Tool(String executable, Map<String, String> environment) {

        String run(String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(executable);
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // The endpoint is plain HTTP; a CA bundle set for the machine (rclone refuses
            // to load one into its
            // transport) has nothing to do here.
            builder.environment().remove("AWS_CA_BUNDLE");
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 120 s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s\n%s", String.join(" ", command), text).isZero();
            return text;
        }

    }

}
