package io.useringest.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The output.csv format (docs/contract.md "Outputs"): the header
 * {@code user_id,first_name,last_name,birthts,img_path}, then one RFC 4180 row per user
 * with an empty img_path for a user without an image. The publisher writes output.csv
 * with it and GET /data answers {@code text/csv} with it, so the two cannot differ.
 */
public final class OutputCsvWriter {

    private final CSVPrinter csv;

    /**
     * Starts the CSV on the writer with its header; the caller closes or flushes the
     * writer.
     */
    public OutputCsvWriter(Writer writer) throws IOException {
        this.csv = new CSVPrinter(writer, CSVFormat.RFC4180);
        csv.printRecord("user_id", "first_name", "last_name", "birthts", "img_path");
    }

    public void write(String userId, String firstName, String lastName, long birthts, @Nullable String imgPath) {
        try {
            csv.printRecord(userId, firstName, lastName, birthts, imgPath == null ? "" : imgPath);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(UserRow user) {
        write(user.userId(), user.firstName(), user.lastName(), user.birthts(), user.imgPath());
    }

    public void write(UserView user) {
        write(user.userId(), user.firstName(), user.lastName(), user.birthts(), user.imgPath());
    }

    public void flush() throws IOException {
        csv.flush();
    }

}
