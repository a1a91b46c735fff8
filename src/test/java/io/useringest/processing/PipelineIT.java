package io.useringest.processing;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.runs.Rejection;
import io.useringest.runs.RunReport;
import io.useringest.storage.StoredObject;
import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import io.useringest.support.TestStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole pipeline against a real S3 server and a real database, SQLite and PostgreSQL:
 * every kind of change.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class PipelineIT {

    @Parameter
    TestDatabase database;

    private TestPipeline p;

    @AfterEach
    void close() {
        if (p != null) {
            p.close();
        }
    }

    @Test
    void firstLoadOfTheSampleDataPublishesEveryUserAndImage() {
        p = TestPipeline.fresh(database, "src-data/");
        TestStorage.uploadSample(p.sourceBucket, "src-data/");

        RunReport report = p.succeed();

        assertThat(report.objectsListed()).isEqualTo(200);
        assertThat(report.objectsRead()).isEqualTo(100);
        assertThat(report.usersAdded()).isEqualTo(100);
        assertThat(report.usersTotal()).isEqualTo(100);
        assertThat(report.rejected()).isEmpty();
        assertThat(p.users()).hasSize(100).containsEntry("1000", "Susan|Lee|612302400000|1989-05-27|images/1000.png");
        String[] lines = p.outputCsv().split("\r\n");
        assertThat(lines).hasSize(101);
        assertThat(lines[0]).isEqualTo("user_id,first_name,last_name,birthts,img_path");
        assertThat(lines[1]).isEqualTo("1000,Susan,Lee,612302400000," + p.outputBucket + "/images/1000.png");
        assertThat(p.outputImages()).hasSize(100);
        assertThat(p.outputImages().get("images/1000.png")).isEqualTo(p.text(p.sourceBucket, "src-data/1000.png"));
    }

    @Test
    void aRunOverAnUnchangedSourceReadsNothingAndWritesNothing() {
        p = TestPipeline.fresh(database, "");
        TestStorage.uploadSample(p.sourceBucket, "");
        p.succeed();
        List<String> before = p.outputFingerprint();
        Map<String, String> users = p.users();

        RunReport again = p.succeed();

        assertThat(again.objectsListed()).isEqualTo(200);
        assertThat(again.objectsRead()).isZero();
        assertThat(again.usersAdded() + again.usersUpdated() + again.usersRemoved()).isZero();
        assertThat(again.usersUnchanged()).isEqualTo(100);
        assertThat(p.outputFingerprint()).isEqualTo(before);
        assertThat(p.users()).isEqualTo(users);
    }

    @Test
    void updatesDeletesAndImageRemovalsReachTableCsvAndImages() {
        p = TestPipeline.fresh(database, "in/");
        p.put("a/1.csv", csv("Ann", "Ash", 0));
        p.put("a/1.png", "png-1");
        p.put("a/2.csv", csv("Bob", "Birch", 1000));
        p.put("a/2.png", "png-2");
        p.put("a/3.csv", csv("Cy", "Cedar", -1000));
        p.succeed();

        p.put("a/1.csv", csv("Anna", "Ash", 0));
        p.delete("a/2.csv");
        p.delete("a/2.png");
        p.delete("a/1.png");
        RunReport report = p.succeed();

        assertThat(report.usersUpdated()).isEqualTo(1);
        assertThat(report.usersRemoved()).isEqualTo(1);
        assertThat(report.usersUnchanged()).isEqualTo(1);
        assertThat(report.objectsRead()).isEqualTo(1);
        assertThat(p.users()).containsOnlyKeys("1", "3").containsEntry("1", "Anna|Ash|0|1970-01-01|");
        assertThat(p.outputImages()).isEmpty();
        assertThat(p.outputCsv()).contains("1,Anna,Ash,0,\r\n").doesNotContain("Bob");
        p.assertEquivalentToFullRebuild();
    }

    @Test
    void archivesAddedChangedAndRemoved() throws IOException {
        p = TestPipeline.fresh(database, "");
        p.put("batch.zip", zip(Map.of("users/10.csv", csv("Zip", "Ten", 10), "users/10.png", "png-10", "users/11.csv",
                csv("Zip", "Eleven", 11))));
        RunReport added = p.succeed();
        assertThat(added.usersAdded()).isEqualTo(2);
        assertThat(p.users()).containsEntry("10", "Zip|Ten|10|1970-01-01|images/10.png");
        assertThat(p.outputImages()).containsEntry("images/10.png", "png-10");

        p.put("batch.zip", zip(Map.of("users/10.csv", csv("Zip", "Ten", 10), "users/10.jpg", "jpg-10", "users/12.csv",
                csv("Zip", "Twelve", 12))));
        RunReport changed = p.succeed();
        assertThat(changed.objectsRead()).isEqualTo(1);
        assertThat(changed.usersAdded()).isEqualTo(1);
        assertThat(changed.usersRemoved()).isEqualTo(1);
        assertThat(changed.usersUpdated()).isEqualTo(1);
        assertThat(p.outputImages()).containsOnlyKeys("images/10.jpg").containsEntry("images/10.jpg", "jpg-10");
        p.assertEquivalentToFullRebuild();

        p.delete("batch.zip");
        RunReport removed = p.succeed();
        assertThat(removed.usersRemoved()).isEqualTo(2);
        assertThat(p.users()).isEmpty();
        assertThat(p.outputImages()).isEmpty();
        assertThat(p.outputCsv()).isEqualTo("user_id,first_name,last_name,birthts,img_path\r\n");
    }

    @Test
    void theDeletionGuardKeepsUsersUntilAForcedRun() {
        p = TestPipeline.fresh(database, "");
        TestStorage.uploadSample(p.sourceBucket, "");
        p.succeed();
        for (int id = 1000; id < 1060; id++) {
            p.delete(id + ".csv");
        }

        RunReport guarded = p.succeed();
        assertThat(guarded.usersRemoved()).isZero();
        assertThat(guarded.warnings()).anyMatch(w -> w.contains("deletion guard") && w.contains("60 of 100"));
        assertThat(p.users()).hasSize(100);

        RunReport stillGuarded = p.succeed();
        assertThat(stillGuarded.warnings()).anyMatch(w -> w.contains("60 users have no CSV left"));
        assertThat(p.users()).hasSize(100);

        RunReport forced = p.forcedRun();
        assertThat(forced.usersRemoved()).isEqualTo(60);
        assertThat(p.users()).hasSize(40);
        assertThat(p.outputImages()).hasSize(40);
        p.assertEquivalentToFullRebuild();
    }

    @Test
    void theGuardDoesNotApplyBelowTwentyUsers() {
        p = TestPipeline.fresh(database, "");
        for (int id = 0; id < 19; id++) {
            p.put(id + ".csv", csv("U", "V", id));
        }
        p.succeed();
        for (int id = 0; id < 19; id++) {
            p.delete(id + ".csv");
        }
        assertThat(p.succeed().usersRemoved()).isEqualTo(19);
    }

    @Test
    void aUserWhoseCsvTurnsInvalidKeepsTheLastValidRow() {
        p = TestPipeline.fresh(database, "");
        p.put("7.csv", csv("Val", "Id", 7));
        p.succeed();

        p.put("7.csv", "first_name,last_name,birthts\nVal,Id,abc\n");
        RunReport report = p.succeed();

        assertThat(report.rejected())
            .containsExactly(new Rejection("7.csv", "birthts \"abc\" is not a whole number of milliseconds"));
        assertThat(p.users()).containsEntry("7", "Val|Id|7|1970-01-01|");

        p.put("7.csv", csv("Val", "Fixed", 7));
        RunReport fixed = p.succeed();
        assertThat(fixed.rejected()).isEmpty();
        assertThat(p.users()).containsEntry("7", "Val|Fixed|7|1970-01-01|");
    }

    @Test
    void rejectionsNameTheFileAndTheReason() {
        p = TestPipeline.fresh(database, "");
        p.put("bad name.csv", csv("A", "B", 1));
        p.put("8.csv", "first_name,birthts\nA,1\n");
        p.put("9.csv", "first_name,last_name,birthts\nA,B,1\nC,D,2\n");
        p.put("notes.txt", "ignored");
        RunReport report = p.succeed();

        assertThat(report.rejected()).extracting(Rejection::key).containsExactly("8.csv", "9.csv", "bad name.csv");
        assertThat(report.rejected().get(0).reason()).contains("no \"last_name\" column");
        assertThat(report.rejected().get(1).reason()).contains("2 data rows");
        assertThat(report.rejected().get(2).reason()).contains("not a valid user id");
        assertThat(report.objectsIgnored()).isEqualTo(1);
        assertThat(p.users()).isEmpty();
    }

    @Test
    void duplicatesAreResolvedByLastModifiedWithAWarning() throws Exception {
        p = TestPipeline.fresh(database, "");
        p.put("old/5.csv", csv("Old", "Five", 5));
        Thread.sleep(1100);
        p.put("new/5.csv", csv("New", "Five", 5));
        p.put("old/5.png", "old-png");
        RunReport report = p.succeed();

        assertThat(p.users()).containsEntry("5", "New|Five|5|1970-01-01|images/5.png");
        assertThat(report.warnings())
            .anyMatch(w -> w.contains("user 5 has 2 CSV files") && w.contains("using new/5.csv"));

        p.delete("new/5.csv");
        p.succeed();
        assertThat(p.users()).containsEntry("5", "Old|Five|5|1970-01-01|images/5.png");
        p.assertEquivalentToFullRebuild();
    }

    @Test
    void imagesOver20MiBAreRejectedAndTheUserKeepsNone() throws Exception {
        p = TestPipeline.fresh(database, "");
        p.put("50.csv", csv("Big", "Picture", 50));
        // A sparse file: 20 MiB and one byte without writing them.
        Path big = TestStorage.bucketDir(p.sourceBucket).resolve("50.png");
        try (var file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(20L * 1024 * 1024 + 1);
        }
        RunReport report = p.succeed();
        assertThat(report.rejected())
            .containsExactly(new Rejection("50.png", "is larger than 20 MiB, the limit for a user image"));
        assertThat(p.users()).containsEntry("50", "Big|Picture|50|1970-01-01|");
        assertThat(p.outputImages()).isEmpty();
    }

    @Test
    void orphanImagesAreCountedNotIngested() {
        p = TestPipeline.fresh(database, "");
        p.put("40.png", "orphan");
        RunReport report = p.succeed();
        assertThat(report.orphanImages()).isEqualTo(1);
        assertThat(report.usersTotal()).isZero();
        assertThat(p.outputImages()).isEmpty();
    }

    @Test
    void zipBombsNestedArchivesAndPathTraversalEntries() throws IOException {
        p = TestPipeline.fresh(database, "");
        byte[] zeros = new byte[20 * 1024 * 1024];
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("1.csv"));
            zip.write(csv("Bo", "Mb", 1).getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("padding.bin"));
            zip.write(zeros);
        }
        p.put("bomb.zip", bomb.toByteArray());
        p.put("outer.zip", zip(Map.of("inner.zip", "PK-not-really", "../../etc/2.csv", csv("Tra", "Versal", 2),
                "__MACOSX/._3.csv", "junk", ".hidden.csv", "junk", "dir/3.csv", csv("Real", "Three", 3))));
        p.put("fake.zip", "this is not a zip");

        RunReport report = p.succeed();

        assertThat(report.rejected()).extracting(Rejection::key).containsExactly("bomb.zip", "fake.zip");
        assertThat(report.rejected().get(0).reason()).contains("zip bomb");
        assertThat(report.rejected().get(1).reason()).contains("not a zip archive");
        assertThat(report.warnings()).anyMatch(w -> w.contains("outer.zip!/inner.zip: nested archive skipped"));
        assertThat(p.users()).containsOnlyKeys("2", "3");
        assertThat(TestStorage.bucketDir(p.sourceBucket).getParent().resolve("etc")).doesNotExist();
    }

    @Test
    void filesDroppedIntoTheServerFolderHaveNoEtagButAreReadAndTheirEditsDetected() throws Exception {
        p = TestPipeline.fresh(database, "dropped/");
        Path file = TestStorage.bucketDir(p.sourceBucket).resolve("dropped/31.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv("Drop", "Ped", 31));
        assertThat(p.store().list(p.sourceBucket, "dropped/").map(StoredObject::etag).toList()).containsExactly("");
        p.succeed();
        assertThat(p.users()).containsEntry("31", "Drop|Ped|31|1970-01-01|");

        Files.writeString(file, csv("Drop", "Edited", 31));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
        RunReport edited = p.succeed();
        assertThat(edited.objectsRead()).isEqualTo(1);
        assertThat(p.users()).containsEntry("31", "Drop|Edited|31|1970-01-01|");
    }

    @Test
    void anObjectThatAppearsLateWithAnOldTimestampIsStillPickedUp() throws Exception {
        p = TestPipeline.fresh(database, "");
        p.put("1.csv", csv("A", "B", 1));
        p.succeed();
        Path late = TestStorage.bucketDir(p.sourceBucket).resolve("2.csv");
        Files.writeString(late, csv("Late", "Comer", 2));
        Files.setLastModifiedTime(late, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        p.succeed();
        assertThat(p.users()).containsKeys("1", "2");
    }

    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

}
