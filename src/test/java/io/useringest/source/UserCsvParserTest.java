package io.useringest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserCsvParserTest {

    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    private final UserCsvParser parser = new UserCsvParser(Clock.fixed(NOW, ZoneOffset.UTC));

    private ParsedCsv parse(String text) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private UserCsv valid(String text) {
        ParsedCsv parsed = parse(text);
        assertThat(parsed).as("%s", parsed).isInstanceOf(ParsedCsv.Valid.class);
        return ((ParsedCsv.Valid) parsed).user();
    }

    private String rejected(String text) {
        ParsedCsv parsed = parse(text);
        assertThat(parsed).as("%s", parsed).isInstanceOf(ParsedCsv.Rejected.class);
        return ((ParsedCsv.Rejected) parsed).reason();
    }

    @Test
    void theSampleFormatWithSpacesAfterCommas() {
        assertThat(valid("first_name, last_name, birthts\nSusan, Lee, 612302400000\n"))
            .isEqualTo(new UserCsv("Susan", "Lee", 612302400000L));
    }

    @Test
    void bomAndCrlf() {
        assertThat(valid("\uFEFFfirst_name,last_name,birthts\r\nAna,Silva,1\r\n"))
            .isEqualTo(new UserCsv("Ana", "Silva", 1));
    }

    @Test
    void reorderedAndExtraColumns() {
        assertThat(valid("birthts,email,last_name,first_name\n5,a@b.c,Berg,Jonas\n"))
            .isEqualTo(new UserCsv("Jonas", "Berg", 5));
    }

    @Test
    void quotedCommasQuotesAndUnicode() {
        assertThat(valid("first_name,last_name,birthts\n\"Mary, Jr.\",\"O\"\"Brien\",7\n"))
            .isEqualTo(new UserCsv("Mary, Jr.", "O\"Brien", 7));
        assertThat(valid("first_name,last_name,birthts\nElif,Yılmaz 🌍,7\n"))
            .isEqualTo(new UserCsv("Elif", "Yılmaz 🌍", 7));
    }

    @Test
    void upperCaseHeaderAndBlankLinesAroundTheRow() {
        assertThat(valid("FIRST_NAME,Last_Name,BirthTS\n\n  \nA,B,3\n\n")).isEqualTo(new UserCsv("A", "B", 3));
    }

    @Test
    void negativeTimestampsForBirthsBefore1970() {
        assertThat(valid("first_name,last_name,birthts\nOld,Timer,-2208988800000\n").birthts())
            .isEqualTo(-2208988800000L);
    }

    @Test
    void theEarliestAndLatestAllowedTimes() {
        assertThat(valid("first_name,last_name,birthts\nA,B,-5364662400000\n").birthts()).isEqualTo(-5364662400000L);
        assertThat(valid("first_name,last_name,birthts\nA,B," + NOW.toEpochMilli() + "\n").birthts())
            .isEqualTo(NOW.toEpochMilli());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "birthts not a number | first_name,last_name,birthts\\nA,B,abc | birthts \"abc\" is not a whole number of",
            "birthts decimal | first_name,last_name,birthts\\nA,B,1.5 | birthts \"1.5\" is not a whole number of",
            "birthts empty | first_name,last_name,birthts\\nA,B, | birthts \"\" is not a whole number",
            "birthts before 1800 | first_name,last_name,birthts\\nA,B,-5364662400001 | is before 1800-01-01",
            "birthts in the future | first_name,last_name,birthts\\nA,B,1893456000000 | is in the future",
            "empty first name | first_name,last_name,birthts\\n ,B,1 | first_name is empty",
            "empty last name | first_name,last_name,birthts\\nA,\"\",1 | last_name is empty",
            "missing column | first_name,birthts\\nA,1 | header has no \"last_name\" column",
            "duplicate column | first_name,last_name,birthts,last_name\\nA,B,1,C | names \"last_name\" twice",
            "no data row | first_name,last_name,birthts\\n | has a header but no data row",
            "two data rows | first_name,last_name,birthts\\nA,B,1\\nC,D,2 | has 2 data rows",
            "short row | first_name,last_name,birthts\\nA,B | data row has 2 values but the header has 3 columns",
            "empty file | '' | is empty",
            "broken quoting | first_name,last_name,birthts\\n\"A,B,1 | has an unterminated quoted field starting on",
            "text after a quote | first_name,last_name,birthts\\n\"A\"x,B,1 | has text after a closing quote on", })
    void rejections(String name, String content, String reason) {
        assertThat(rejected(content.replace("\\n", "\n").replace("''", ""))).contains(reason);
    }

    @Test
    void namesLongerThan200Characters() {
        assertThat(valid("first_name,last_name,birthts\n" + "é".repeat(200) + ",B,1\n").firstName()).hasSize(200);
        assertThat(rejected("first_name,last_name,birthts\nA," + "x".repeat(201) + ",1\n"))
            .isEqualTo("last_name is 201 characters long; at most 200 are allowed");
    }

    @Test
    void syntaxReasonsNameNoJavaClass() {
        assertThat(rejected("first_name,last_name,birthts\n\"A,B,1"))
            .isEqualTo("has an unterminated quoted field starting on line 2; close the quote with \"")
            .doesNotContain("Exception")
            .doesNotContain("org.apache");
    }

    @Test
    void namesWithControlCharactersAreRejected() {
        assertThat(rejected("first_name,last_name,birthts\nA\u0000x,B,1\n"))
            .isEqualTo("first_name contains the control character U+0000; names must be printable text");
        assertThat(rejected("first_name,last_name,birthts\nA,B\u001bx,1\n")).startsWith("last_name contains");
    }

    @Test
    void valuesQuotedInAReasonAreBoundedAndShowControlCharacters() {
        assertThat(rejected("first_name,last_name,birthts\nA,B,1\u00002\n"))
            .isEqualTo("birthts \"1\\u00002\" is not a whole number of milliseconds");
        String wide = "c,".repeat(10_000) + "first_name\nx\n";
        assertThat(rejected(wide)).startsWith("header has no \"last_name\" column (found: \"c,c,c")
            .hasSizeLessThan(250);
    }

    @Test
    void notUtf8() {
        byte[] latin1 = "first_name,last_name,birthts\nJos\u00e9,B,1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(((ParsedCsv.Rejected) parser.parse(latin1)).reason()).contains("is not UTF-8");
    }

    @Test
    void moreThanOneMebibyte() throws IOException {
        byte[] big = ("first_name,last_name,birthts\nA,B,1\n" + " ".repeat(1024 * 1024))
            .getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(new ByteArrayInputStream(big))).isEqualTo(UserCsvParser.tooLarge());
    }

    @ParameterizedTest
    @CsvSource({ "1000.csv,1000,CSV", "0001.CSV,0001,CSV", "a/b/x_y-Z.Png,x_y-Z,IMAGE", "p.JPEG,p,IMAGE",
            "q.jpg,q,IMAGE", "batch.ZIP,batch,ARCHIVE", "notes.txt,notes,IGNORED", "README,README,IGNORED" })
    void namesAreClassifiedByBasenameAndExtensionCaseInsensitively(String key, String userId, FileKind kind) {
        SourceName name = SourceName.of(key);
        assertThat(name.userId()).isEqualTo(userId);
        assertThat(name.kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({ "'bad name.csv'", "a.b.csv", ".csv", "ü.csv" })
    void invalidUserIds(String key) {
        assertThat(SourceName.of(key).validUserId()).isFalse();
    }

    @Test
    void userIdsUpTo64Characters() {
        assertThat(SourceName.of("x".repeat(64) + ".csv").validUserId()).isTrue();
        assertThat(SourceName.of("x".repeat(65) + ".csv").validUserId()).isFalse();
    }

}
