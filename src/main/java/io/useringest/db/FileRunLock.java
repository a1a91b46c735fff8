package io.useringest.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The run lock of processes sharing a SQLite file: an operating-system lock on a file
 * beside it. A SQLite file is only shared on one host, where such a lock is exact, and
 * the system releases it when its holder dies, even by kill -9. (A lease in the database
 * would not do: a run's transaction holds SQLite's only write lock, so the lease could
 * not be extended while the run goes on.)
 */
public class FileRunLock implements RunLock {

    private final Path file;

    private final ReentrantLock inProcess = new ReentrantLock();

    public FileRunLock(Path file) {
        this.file = file;
    }

    /** The file whose operating-system lock this is. */
    public Path file() {
        return file;
    }

    @Override
    public Held acquire() throws InterruptedException {
        inProcess.lockInterruptibly();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                }
                catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    FileLock held = lock;
                    return () -> {
                        try (channel) {
                            held.release();
                        }
                        catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        finally {
                            inProcess.unlock();
                        }
                    };
                }
                Thread.sleep(200);
            }
        }
        catch (IOException e) {
            inProcess.unlock();
            throw new UncheckedIOException("cannot lock " + file, e);
        }
        catch (InterruptedException | RuntimeException e) {
            inProcess.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
    }

}
