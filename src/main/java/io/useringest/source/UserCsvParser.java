package io.useringest.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Parses a user CSV by the rules of docs/contract.md "Inputs"; every failure is a
 * rejection a person can act on.
 */
public final class UserCsvParser {

    public static final long MAX_CSV_BYTES = 1024 * 1024;
    static final int MAX_NAME_LENGTH = 200;
    static final long EARLIEST_BIRTHTS = LocalDate.of(1800, 1, 1)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant()
        .toEpochMilli();

    private static final List<String> COLUMNS = List.of("first_name", "last_name", "birthts");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
        .setIgnoreSurroundingSpaces(true)
        .setTrim(true)
        .setIgnoreEmptyLines(true)
        .get();

    private static final Pattern UNTERMINATED = Pattern
        .compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished");

    private static final Pattern TEXT_AFTER_QUOTE = Pattern
        .compile("Invalid character between encapsulated token and delimiter at line: ([\\d,]+)");

    private final Clock clock;

    public UserCsvParser(Clock clock) {
        this.clock = clock;
    }

    /** Reads at most {@link #MAX_CSV_BYTES} + 1 bytes of the stream and parses them. */
    public ParsedCsv parse(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_CSV_BYTES + 1);
        if (bytes.length > MAX_CSV_BYTES) {
            return tooLarge();
        }
        return parse(bytes);
    }

    public static ParsedCsv.Rejected tooLarge() {
        return new ParsedCsv.Rejected("is larger than 1 MiB, the limit for a user CSV");
    }

    public ParsedCsv parse(byte[] bytes) {
        String text;
        try (InputStream withoutBom = BOMInputStream.builder().setInputStream(new ByteArrayInputStream(bytes)).get()) {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(withoutBom.readAllBytes()))
                .toString();
        }
        catch (CharacterCodingException e) {
            return new ParsedCsv.Rejected("is not UTF-8 text; save it as UTF-8");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            records = parser.getRecords();
        }
        catch (IOException | UncheckedIOException | IllegalStateException e) {
            return new ParsedCsv.Rejected(syntaxProblem(e));
        }
        if (records.isEmpty()) {
            return new ParsedCsv.Rejected("is empty; expected a header first_name,last_name,birthts and one data row");
        }
        return parseRecords(records);
    }

    private ParsedCsv parseRecords(List<CSVRecord> records) {
        List<String> header = new ArrayList<>();
        records.get(0).forEach(name -> header.add(name.toLowerCase(Locale.ROOT)));
        int[] index = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            String column = COLUMNS.get(c);
            index[c] = header.indexOf(column);
            if (index[c] < 0) {
                return new ParsedCsv.Rejected("header has no \"" + column + "\" column (found: "
                        + Reasons.quote(String.join(",", records.get(0).toList()))
                        + "); it must name first_name, last_name, birthts");
            }
            if (header.lastIndexOf(column) != index[c]) {
                return new ParsedCsv.Rejected("header names \"" + column + "\" twice");
            }
        }
        List<CSVRecord> rows = records.subList(1, records.size()).stream().filter(r -> !isBlank(r)).toList();
        if (rows.isEmpty()) {
            return new ParsedCsv.Rejected("has a header but no data row");
        }
        if (rows.size() > 1) {
            return new ParsedCsv.Rejected("has " + rows.size() + " data rows; a user CSV holds exactly one");
        }
        CSVRecord row = rows.get(0);
        if (row.size() < header.size()) {
            return new ParsedCsv.Rejected(
                    "data row has " + row.size() + " values but the header has " + header.size() + " columns");
        }
        String firstName = row.get(index[0]);
        String lastName = row.get(index[1]);
        String birthts = row.get(index[2]);
        String nameProblem = nameProblem("first_name", firstName);
        if (nameProblem == null) {
            nameProblem = nameProblem("last_name", lastName);
        }
        if (nameProblem != null) {
            return new ParsedCsv.Rejected(nameProblem);
        }
        long millis;
        try {
            millis = Long.parseLong(birthts);
        }
        catch (NumberFormatException e) {
            return new ParsedCsv.Rejected(
                    "birthts " + Reasons.quote(birthts) + " is not a whole number of milliseconds");
        }
        if (millis < EARLIEST_BIRTHTS) {
            return new ParsedCsv.Rejected(
                    "birthts " + millis + " (" + Instant.ofEpochMilli(millis) + ") is before 1800-01-01");
        }
        if (millis > clock.millis()) {
            return new ParsedCsv.Rejected(
                    "birthts " + millis + " (" + Instant.ofEpochMilli(millis) + ") is in the future");
        }
        return new ParsedCsv.Valid(new UserCsv(firstName, lastName, millis));
    }

    private static @Nullable String nameProblem(String column, String value) {
        if (value.isEmpty()) {
            return column + " is empty";
        }
        int control = value.codePoints().filter(Character::isISOControl).findFirst().orElse(-1);
        if (control >= 0) {
            return column + " contains the control character U+" + String.format("%04X", control)
                    + "; names must be printable text";
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_NAME_LENGTH) {
            return column + " is " + length + " characters long; at most " + MAX_NAME_LENGTH + " are allowed";
        }
        return null;
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Commons CSV's messages, said for people (a reason never shows an exception's
     * class).
     */
    private static String syntaxProblem(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        Matcher unterminated = UNTERMINATED.matcher(message);
        if (unterminated.find()) {
            return "has an unterminated quoted field starting on line " + unterminated.group(1)
                    + "; close the quote with \"";
        }
        Matcher afterQuote = TEXT_AFTER_QUOTE.matcher(message);
        if (afterQuote.find()) {
            return "has text after a closing quote on line " + afterQuote.group(1) + "; quote the whole value and "
                    + "write a quote inside it as \"\"";
        }
        return "is not valid CSV (" + Reasons.plain(cause) + ")";
    }

}
