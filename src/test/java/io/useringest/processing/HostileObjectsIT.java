package io.useringest.processing;

import static io.useringest.support.TestPipeline.csv;
import static io.useringest.support.Zips.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.runs.Rejection;
import io.useringest.runs.RunReport;
import io.useringest.support.TestDatabase;
import io.useringest.support.TestPipeline;
import io.useringest.support.Zips;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/contract.md "Inputs": no object, whatever its bytes or name, can make a run fail,
 * each bad one is rejected with a reason a person can act on, and no valid user is lost —
 * over a seeded corpus of hostile objects, on both databases.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class HostileObjectsIT {

    private static final byte[] NOT_UTF8_NAME = { (byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0xae };

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
    void anArchiveCutShortByAnInterruptedUploadKeepsItsUsers() {
        p = TestPipeline.fresh(database, "");
        byte[] whole = Zips.zip(zipUsers("z", 5));
        p.put("batch.zip", whole);
        assertThat(p.succeed().usersAdded()).isEqualTo(5);
        Map<String, String> before = p.users();

        p.put("batch.zip", Arrays.copyOf(whole, Zips.localHeaderOf(whole, "z2.csv")));
        RunReport cut = p.succeed();

        assertThat(cut.usersRemoved()).isZero();
        assertThat(cut.rejected()).containsExactly(new Rejection("batch.zip",
                "is not a whole zip archive: its end record is missing (an upload cut short?); upload the archive "
                        + "again"));
        assertThat(p.users()).isEqualTo(before);

        p.put("batch.zip", whole);
        RunReport fixed = p.succeed();
        assertThat(fixed.rejected()).isEmpty();
        assertThat(fixed.usersAdded() + fixed.usersUpdated() + fixed.usersRemoved()).isZero();
        p.assertEquivalentToFullRebuild();
    }

    @Test
    void aCorpusOfHostileObjectsIsRejectedOneByOneAndLosesNoValidUser() {
        p = TestPipeline.fresh(database, "");
        Random random = new Random(20261123);
        users("v", 30).forEach(p::put);
        byte[] good = Zips.zip(zipUsers("g", 5));
        p.put("good.zip", good);
        assertThat(p.succeed().usersTotal()).isEqualTo(35);
        Map<String, String> valid = p.users();

        Map<String, String> expected = new LinkedHashMap<>();
        p.put("good.zip", Arrays.copyOf(good, good.length - 30));
        expected.put("good.zip", "is not a whole zip archive");
        p.put("random.csv", bytes(random, 3000));
        expected.put("random.csv", "is not UTF-8 text");
        p.put("random.png", bytes(random, 3000));
        p.put("random.zip", bytes(random, 3000));
        expected.put("random.zip", "is not a zip archive");
        byte[] corrupt = Zips.zip(Map.of("c1.csv", utf8("x".repeat(20_000)), "c2.csv", utf8(csv("C", "Two", 2))));
        for (int i = 60; i < 90; i++) {
            corrupt[i] ^= (byte) 0x5a;
        }
        p.put("corrupt.zip", corrupt);
        expected.put("corrupt.zip", "is not a readable zip archive");
        p.put("names.zip",
                Zips.replaceAll(
                        Zips.zip(Map.of("ABCD.csv", utf8(csv("A", "B", 1)), "n1.csv", utf8(csv("Name", "One", 1)))),
                        utf8("ABCD"), NOT_UTF8_NAME));
        expected.put("names.zip!/\uFFFD\uFFFD\uFFFD\uFFFD.csv",
                "file name \"\uFFFD\uFFFD\uFFFD\uFFFD\" is not a valid user id");
        p.put("twice.zip",
                Zips.replaceAll(
                        Zips.zip(Map.of("a/t1.csv", utf8(csv("T", "One", 1)), "b/t1.csv", utf8(csv("T", "Two", 2)))),
                        utf8("b/t1.csv"), utf8("a/t1.csv")));
        expected.put("twice.zip", "holds the entry \"a/t1.csv\" twice");
        p.put("locked.zip", Zips.encrypted(Zips.zip(Map.of("e1.csv", utf8(csv("E", "One", 1))))));
        expected.put("locked.zip", "entry \"e1.csv\" is encrypted");
        p.put("method.zip", Zips.unknownMethod(Zips.zip(Map.of("m1.csv", utf8(csv("M", "One", 1))))));
        expected.put("method.zip", "entry \"m1.csv\" is compressed with a method the service cannot read");
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            many.put("notes/" + i + ".txt", new byte[] { 'x' });
        }
        many.put("w1.csv", utf8(csv("Many", "Entries", 1)));
        p.put("many.zip", Zips.zip(many));
        p.put("wide.csv", "c,".repeat(10_000) + "first_name\nx\n");
        expected.put("wide.csv", "header has no \"last_name\" column");
        p.put("nul.csv", "first_name,last_name,birthts\nA\u0000B,C,1\n");
        expected.put("nul.csv", "first_name contains the control character U+0000");
        p.put("nulbirth.csv", "first_name,last_name,birthts\nA,B,1\u00002\n");
        expected.put("nulbirth.csv", "birthts \"1\\u00002\" is not a whole number of milliseconds");
        p.put("latin.csv", "first_name,last_name,birthts\nJos\u00e9,B,1\n".getBytes(StandardCharsets.ISO_8859_1));
        expected.put("latin.csv", "is not UTF-8 text");
        p.put("header.csv", "first_name,last_name,birthts\n");
        expected.put("header.csv", "has a header but no data row");
        p.put("quote.csv", "first_name,last_name,birthts\n\"A,B,1\n");
        expected.put("quote.csv", "has an unterminated quoted field starting on line 2");
        p.put("empty.csv", new byte[0]);
        expected.put("empty.csv", "is empty");
        p.put("empty.zip", new byte[0]);
        expected.put("empty.zip", "is not a zip archive");
        p.put("<img src=x onerror=alert(1)>.csv", csv("X", "S", 1));
        expected.put("<img src=x onerror=alert(1)>.csv",
                "file name \"<img src=x onerror=alert(1)>\" is not a valid user id");

        RunReport report = p.succeed();

        Map<String, String> reasons = report.rejected()
            .stream()
            .collect(Collectors.toMap(Rejection::key, Rejection::reason));
        expected.forEach((key, reason) -> assertThat(reasons).as("rejections")
            .hasEntrySatisfying(key, actual -> assertThat(actual).startsWith(reason)));
        assertThat(reasons).as("only the hostile objects are rejected").containsOnlyKeys(expected.keySet());
        reasons.values()
            .forEach(reason -> assertThat(reason).as("a reason for people")
                .doesNotContainPattern("Exception|java\\.|org\\.|\\p{Cntrl}"));
        assertThat(report.usersRemoved()).isZero();
        assertThat(p.users()).containsAllEntriesOf(valid).containsKeys("n1", "w1").hasSize(valid.size() + 2);

        RunReport again = p.succeed();
        assertThat(again.objectsRead()).as("a rerun reads nothing").isZero();
        assertThat(again.rejected()).containsExactlyInAnyOrderElementsOf(report.rejected());
    }

    private static Map<String, byte[]> zipUsers(String prefix, int n) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        users(prefix, n).forEach((name, content) -> files.put(name, utf8(content)));
        return files;
    }

    private static Map<String, String> users(String prefix, int n) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            files.put(prefix + i + ".csv", csv("First" + i, "Last" + i, 86_400_000L * i));
        }
        return files;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

}
