package io.useringest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useringest.support.Zips;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The archive rules of docs/contract.md "Inputs" over archives built in memory: whole or
 * rejected as a whole, never a crash.
 */
class ArchiveReaderTest {

    private static final byte[] CSV = "first_name,last_name,birthts\nAda,Lovelace,0\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aWholeArchiveYieldsEveryUserFileAndSkipsFoldersMacMetadataDotFilesAndNestedArchives() throws Exception {
        byte[] zip = Zips.zip(Map.of("users/", new byte[0], "users/1000.csv", CSV, "users/1000.png",
                new byte[] { 1, 2 }, "__MACOSX/users/._1000.csv", CSV, "users/.hidden.csv", CSV, "inner.zip",
                Zips.zip(Map.of("1001.csv", CSV)), "readme.txt", CSV));

        Read read = read(zip, true);

        assertThat(read.entries).containsOnlyKeys("users/1000.csv", "users/1000.png");
        assertThat(read.entries.get("users/1000.csv")).isEqualTo(CSV);
        assertThat(read.warnings).singleElement()
            .asString()
            .isEqualTo(
                    "a.zip!/inner.zip: nested archive skipped; put its files in the outer archive or upload it loose");
    }

    @Test
    void imagesAreOnlyMeasuredWhenTheirBytesAreNotWanted() throws Exception {
        Read read = read(Zips.zip(Map.of("1000.png", new byte[] { 1, 2, 3 })), false);

        assertThat(read.entries.get("1000.png")).isEmpty();
    }

    @Test
    void anArchiveCutWhereAnEntryStartsIsRejectedAsAWhole() throws Exception {
        byte[] zip = Zips.zip(users(5));
        int third = Zips.localHeaderOf(zip, "1002.csv");

        assertRejected(Arrays.copyOf(zip, third), "is not a whole zip archive: its end record is missing");
    }

    @Test
    void anArchiveCutInsideAnEntryOrInsideItsCentralDirectoryIsRejectedAsAWhole() throws Exception {
        byte[] zip = Zips.zip(users(5));
        int insideEntry = Zips.indexOf(zip, "1003.csv".getBytes(StandardCharsets.UTF_8)) + 12;
        int centralDirectory = Zips.lastIndexOf(zip, new byte[] { 'P', 'K', 1, 2 });

        assertRejected(Arrays.copyOf(zip, insideEntry), "is not a whole zip archive");
        assertRejected(Arrays.copyOf(zip, centralDirectory + 10), "is not a whole zip archive");
        assertRejected(Arrays.copyOf(zip, zip.length - 1), "is not a whole zip archive");
    }

    @Test
    void entriesThatDoNotMatchTheCentralDirectoryRejectTheArchive() throws Exception {
        byte[] zip = Zips.zip(users(3));
        int central = Zips.lastIndexOf(zip, "1001.csv".getBytes(StandardCharsets.UTF_8));
        zip[central] = '9';

        assertRejected(zip, "is a damaged zip archive: entry 2 is \"1001.csv\" but its central directory lists "
                + "\"9001.csv\" there");
    }

    @Test
    void theSameEntryNameTwiceRejectsTheArchive() throws Exception {
        byte[] zip = Zips.replaceAll(Zips.zip(Map.of("a/1000.csv", CSV, "b/1000.csv", CSV)), Zips.utf8("b/1000.csv"),
                Zips.utf8("a/1000.csv"));

        assertRejected(zip, "holds the entry \"a/1000.csv\" twice");
    }

    @Test
    void aNameThatIsNotUtf8IsReadAsAnInvalidNameNotAFailure() throws Exception {
        byte[] zip = Zips.replaceAll(Zips.zip(Map.of("ABCD.csv", CSV, "1000.csv", CSV)), Zips.utf8("ABCD"),
                new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0xae });

        Read read = read(zip, false);

        assertThat(read.entries).containsOnlyKeys("\uFFFD\uFFFD\uFFFD\uFFFD.csv", "1000.csv");
        assertThat(SourceName.of("\uFFFD\uFFFD\uFFFD\uFFFD.csv").validUserId()).isFalse();
    }

    @Test
    void controlCharactersInNamesAreMadeVisible() throws Exception {
        Read read = read(Zips.zip(Map.of("a\u0000b.csv", CSV)), false);

        assertThat(read.entries).containsOnlyKeys("a\\u0000b.csv");
    }

    @Test
    void anEncryptedEntryRejectsTheArchiveWithAReason() throws Exception {
        byte[] zip = Zips.encrypted(Zips.zip(Map.of("1000.csv", CSV)));

        assertRejected(zip, "entry \"1000.csv\" is encrypted");
    }

    @Test
    void anUnknownCompressionMethodRejectsTheArchiveWithAReason() throws Exception {
        byte[] zip = Zips.unknownMethod(Zips.zip(Map.of("1000.csv", CSV)));

        assertRejected(zip, "entry \"1000.csv\" is compressed with a method the service cannot read (zip method 99;");
    }

    @Test
    void anXzEntryIsRefusedRatherThanReadWithALibraryThatIsNotThere() {
        byte[] zip = Zips.setInEveryHeader(Zips.zip(Map.of("1000.csv", CSV)), 8, 10, method -> 95);

        assertRejected(zip, "entry \"1000.csv\" is compressed with a method the service cannot read (zip method 95");
    }

    @Test
    void garbageAndEmptyFilesAreNotZipArchives() {
        assertRejected("not a zip at all".getBytes(StandardCharsets.UTF_8), "is not a zip archive");
        assertRejected(new byte[0], "is not a zip archive");
        assertRejected(new byte[] { 'P', 'K', 3, 4, 0, 0 }, "is not a whole zip archive");
    }

    @Test
    void corruptCompressedDataIsRejectedWithoutAClassName() throws Exception {
        byte[] zip = Zips.zip(Map.of("1000.csv", "x".repeat(5000).getBytes(StandardCharsets.UTF_8)));
        int data = Zips.indexOf(zip, "1000.csv".getBytes(StandardCharsets.UTF_8)) + 8;
        for (int i = 0; i < 20; i++) {
            zip[data + i] = (byte) 0xff;
        }

        assertThatThrownBy(() -> read(zip, false)).isInstanceOf(ArchiveReader.ArchiveRejected.class)
            .message()
            .startsWith("is not a readable zip archive")
            .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]");
    }

    @Test
    void anEmptyArchiveIsWholeAndHoldsNothing() throws Exception {
        assertThat(read(Zips.zip(Map.of()), false).entries).isEmpty();
    }

    @Test
    void anArchiveThatInflatesPastAHundredTimesItsSizeIsAZipBomb() throws Exception {
        assertRejected(Zips.zip(Map.of("1000.csv", new byte[1_000_000])),
                "inflates past 100 times its compressed size");
    }

    @Test
    void anArchiveThatInflatesPastTheTotalCapIsAZipBombWhateverItsRatio() throws Exception {
        byte[] random = new byte[64 * 1024];
        new Random(7).nextBytes(random);
        byte[] zip = Zips.zip(Map.of("a.bin", random, "b.bin", random, "1000.csv", CSV));
        Map<String, byte[]> seen = new LinkedHashMap<>();

        assertThatThrownBy(() -> ArchiveReader.read("a.zip", ArchiveBytes.of(zip), false,
                (entryName, name, content) -> seen.put(entryName, content), 100 * 1024))
            .isInstanceOf(ArchiveReader.ArchiveRejected.class)
            .hasMessage("inflates past 100 KiB in total; rejected as a zip bomb, split it into smaller archives");
        assertThat(read(zip, false).entries).as("under the real 1 GiB cap it is fine").containsOnlyKeys("1000.csv");
        assertThat(ArchiveReader.MAX_INFLATED_BYTES).isEqualTo(1024L * 1024 * 1024);
    }

    @Test
    void foldersInEntryNamesAreIgnoredSoDotDotLeadsNowhere() throws Exception {
        Read read = read(Zips.zip(Map.of("../../etc/1000.csv", CSV, "/abs/1001.csv", CSV)), false);

        assertThat(read.entries).containsOnlyKeys("../../etc/1000.csv", "/abs/1001.csv");
        assertThat(SourceName.of("../../etc/1000.csv").userId()).isEqualTo("1000");
        assertThat(SourceName.of("/abs/1001.csv").userId()).isEqualTo("1001");
    }

    @Test
    void aZip64ArchiveWithMoreThan65535EntriesIsReadWhole() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 66_000; i++) {
                out.putNextEntry(new ZipEntry("f/" + i + ".txt"));
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("1000.csv"));
            out.write(CSV);
            out.closeEntry();
        }

        assertThat(read(bytes.toByteArray(), false).entries).containsOnlyKeys("1000.csv");
    }

    private record Read(Map<String, byte[]> entries, List<String> warnings) {
    }

    private static Read read(byte[] zip, boolean images) throws ArchiveReader.ArchiveRejected {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> warnings = ArchiveReader.read("a.zip", ArchiveBytes.of(zip), images,
                (entryName, name, content) -> entries.put(entryName, content));
        return new Read(entries, new ArrayList<>(warnings));
    }

    private static void assertRejected(byte[] zip, String reason) {
        assertThatThrownBy(() -> read(zip, false)).isInstanceOf(ArchiveReader.ArchiveRejected.class)
            .hasMessageStartingWith(reason);
    }

    static Map<String, byte[]> users(int n) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            files.put((1000 + i) + ".csv", CSV);
        }
        return files;
    }

}
