package io.useringest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server never shows or keeps the temporary files of uploads a kill
 * interrupted.
 */
class EmbeddedS3ServerIT {

    private static final String UUID = "28167f02-6b1c-4e4d-9d3a-0f6a1b2c3d4e";

    @TempDir
    Path dir;

    @Test
    void uploadsInterruptedByAKillAreRemovedAtStartAndNeverListed() throws Exception {
        Path s3 = dir.resolve("s3");
        Files.createDirectories(s3.resolve("bkt/images"));
        Files.writeString(s3.resolve("bkt/images/u1.jpg"), "whole");
        Files.writeString(s3.resolve("bkt/images/u2.jpg-" + UUID), "half");
        Files.writeString(s3.resolve("bkt/a.csv-" + UUID.replace('2', '3')), "half");

        try (EmbeddedS3Server server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin")) {
            assertThat(Files.exists(s3.resolve("bkt/images/u2.jpg-" + UUID))).as("removed at start").isFalse();
            assertThat(Files.exists(s3.resolve("bkt/images/u1.jpg"))).isTrue();
            ObjectStore store = MinioClients.objectStore(server.endpoint(), "us-east-1", "minioadmin", "minioadmin", 4,
                    ObjectStore.Listing.BY_FOLDER);
            Files.writeString(s3.resolve("bkt/images/u3.jpg-" + UUID), "being written now");

            assertThat(store.list("bkt", "").map(StoredObject::key)).containsExactly("images/u1.jpg");
        }
    }

    @Test
    void onlyNamesEndingInARandomUuidAreTemporary() {
        assertThat(EmbeddedS3Server.isTemporaryFile("images/u1.jpg-" + UUID)).isTrue();
        assertThat(EmbeddedS3Server.isTemporaryFile("u1.csv")).isFalse();
        assertThat(EmbeddedS3Server.isTemporaryFile("report-2026-11-23.csv")).isFalse();
        assertThat(EmbeddedS3Server.isTemporaryFile(UUID + ".csv")).isFalse();
    }

}
