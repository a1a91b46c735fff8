package io.useringest.web;

import io.useringest.config.Settings;
import io.useringest.users.KeptPerVersion;
import io.useringest.users.UserFilter;
import io.useringest.users.UserQueries;
import io.useringest.users.UsersVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of an unfiltered GET /data, kept in a file per users' version and day (ages
 * change at midnight) by {@link KeptPerVersion}: reading a million users from the
 * database caps a stream at about half a million users a second, a file sends several
 * times that. The first request after a run streams from the database as before and
 * writes the file on the way; later ones send the file, in constant memory either way.
 * The file of a version that is no longer current, or of an earlier day, is deleted.
 * While the file is written, at most half of the pool's connections stream the body from
 * the database (the render's included); further requests wait for one of them to end and
 * send the file if it is kept by then, so that many clients asking at once leave
 * connections for every other request.
 */
@Component
class FullDataFile {

    private static final Logger log = LoggerFactory.getLogger(FullDataFile.class);

    private static final int BUFFER = 64 * 1024;

    /** The body's files: one per day asked about, of the current version only. */
    private static final int KEPT_FILES = 4;

    private final UserQueries queries;

    private final JsonMapper json;

    private final Path dir;

    private final KeptPerVersion<LocalDate, Path> files;

    /** Said once, not on every request. */
    private volatile boolean warnedUnwritable;

    /** One render at a time; requests meanwhile stream from the database. */
    private final ReentrantLock rendering = new ReentrantLock();

    /** The streams from the database beside the render. */
    private final Semaphore streams;

    FullDataFile(UserQueries queries, UsersVersion version, JsonMapper json, Settings settings) {
        this.queries = queries;
        this.json = json;
        this.dir = settings.dataDir().resolve("rendered");
        this.files = KeptPerVersion.upTo(version, KEPT_FILES, file -> 1, FullDataFile::delete);
        this.streams = new Semaphore(Math.max(1, settings.databasePoolSize() / 2 - 1), true);
        removeEarlierRenderings();
    }

    /**
     * Writes every user as JSON to {@code out}; {@code length} is told the body's length
     * first when it is known (a rendered file).
     */
    void write(LocalDate today, OutputStream out, LengthListener length) throws IOException {
        if (sent(today, out, length)) {
            return;
        }
        if (rendering.tryLock()) {
            try {
                render(today, out);
            }
            finally {
                rendering.unlock();
            }
            return;
        }
        try {
            streams.acquire();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to send GET /data", e);
        }
        try {
            if (!sent(today, out, length)) {
                stream(today, out);
            }
        }
        finally {
            streams.release();
        }
    }

    /** Sends today's file if it is kept; false if there is none. */
    private boolean sent(LocalDate today, OutputStream out, LengthListener length) throws IOException {
        Optional<FileChannel> rendered = files.kept(today).flatMap(FullDataFile::open);
        if (rendered.isEmpty()) {
            return false;
        }
        try (FileChannel channel = rendered.get()) {
            length.contentLength(channel.size());
            send(channel, out);
        }
        return true;
    }

    /** How the response learns the body's length. */
    interface LengthListener {

        void contentLength(long bytes);

    }

    private static Optional<FileChannel> open(Path file) {
        try {
            return Optional.of(FileChannel.open(file, StandardOpenOption.READ));
        }
        catch (IOException absent) {
            return Optional.empty();
        }
    }

    private static void send(FileChannel channel, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        var in = Channels.newInputStream(channel);
        for (int n; (n = in.read(buffer)) > 0;) {
            out.write(buffer, 0, n);
        }
    }

    private void stream(LocalDate today, OutputStream out) {
        WholeJson.write(json, out,
                generator -> queries.writeMatching(UserFilter.NONE, today, null, null, ImageRoute.INSTANCE, generator));
    }

    /**
     * Streams to the client and to a file; keeps the file only if the stream ended and no
     * run committed meanwhile (the cursor then read exactly that version).
     */
    private void render(LocalDate today, OutputStream out) throws IOException {
        KeptPerVersion.Derivation derivation = files.begin();
        Path file;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "data-", ".json");
        }
        catch (IOException e) {
            if (!warnedUnwritable) {
                warnedUnwritable = true;
                log.warn("GET /data streams from the database each time: cannot write to {} ({})", dir, e.getMessage());
            }
            stream(today, out);
            return;
        }
        boolean kept = false;
        try {
            Tee tee;
            try (OutputStream copy = Files.newOutputStream(file)) {
                tee = new Tee(out, copy);
                stream(today, tee);
            }
            kept = tee.fileWritten() && files.keep(derivation, today, file);
            if (kept) {
                files.drop(day -> !day.equals(today));
            }
        }
        finally {
            if (!kept) {
                delete(file);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            log.warn("could not delete {}, a rendering of GET /data no longer used: {}", file, e.getMessage());
        }
    }

    /**
     * Renderings left by an earlier process: its versions are not known to be current. A
     * reader still sending one keeps it open.
     */
    private void removeEarlierRenderings() {
        try (DirectoryStream<Path> earlier = Files.newDirectoryStream(dir, "*.json")) {
            earlier.forEach(FullDataFile::delete);
        }
        catch (NoSuchFileException absent) {
            // Nothing rendered yet.
        }
        catch (IOException | UncheckedIOException e) {
            log.warn("could not remove earlier renderings of GET /data in {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Writes to the client and the file alike; a file that cannot be written (a full
     * disk) is given up, the client still gets every byte.
     */
    private static final class Tee extends OutputStream {

        private final OutputStream client;

        private final OutputStream file;

        private @Nullable IOException fileFailure;

        Tee(OutputStream client, OutputStream file) {
            this.client = client;
            this.file = file;
        }

        boolean fileWritten() {
            if (fileFailure != null) {
                log.warn("GET /data was not kept for later requests: {}", fileFailure.getMessage());
            }
            return fileFailure == null;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            client.write(bytes, offset, length);
            if (fileFailure == null) {
                try {
                    file.write(bytes, offset, length);
                }
                catch (IOException e) {
                    fileFailure = e;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            client.flush();
        }

        /** The client's stream is the container's to close. */
        @Override
        public void close() {
        }

    }

}
