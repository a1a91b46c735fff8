package io.useringest.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code DATA_DIR/embedded-s3.lock}: which process serves the embedded S3 server over a
 * data directory, and at which endpoint. The serving process holds an operating-system
 * lock on it for as long as it runs (released by the system even on kill -9) and writes
 * its endpoint into it; another process on the same directory (the {@code process}
 * command beside the service) finds the lock held and uses that endpoint instead of
 * starting a second server over the same files.
 */
final class EmbeddedServerFile implements AutoCloseable {

    static final String NAME = "embedded-s3.lock";

    private final FileChannel channel;

    private final FileLock lock;

    private EmbeddedServerFile(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Who serves the directory: this process (the claim, to fill in) or another. */
    sealed interface Claim permits Ours, Theirs {

    }

    record Ours(EmbeddedServerFile file) implements Claim {
    }

    record Theirs(String endpoint) implements Claim {
    }

    /**
     * Claims the directory's server, or names the endpoint of the process that holds it
     * (waiting up to {@code patience} for a holder that is still starting to write it).
     */
    static Claim claim(Path dataDir, long patienceMillis) {
        Path path = dataDir.resolve(NAME);
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                return new Ours(new EmbeddedServerFile(channel, lock));
            }
            channel.close();
            long deadline = System.currentTimeMillis() + patienceMillis;
            while (true) {
                String endpoint = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (!endpoint.isEmpty() || System.currentTimeMillis() > deadline) {
                    return new Theirs(endpoint);
                }
                Thread.sleep(100);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot use " + path, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + path, e);
        }
    }

    /** Says where this process serves the directory. */
    void announce(String endpoint) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((endpoint + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedded server's endpoint", e);
        }
    }

    @Override
    public void close() {
        try (channel) {
            channel.truncate(0);
            lock.release();
        }
        catch (IOException e) {
            // stopping: the system releases the lock with the channel
        }
    }

}
