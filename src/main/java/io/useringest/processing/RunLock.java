package io.useringest.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The processing lock every instance on one database shares (ShedLock over the database). A holder extends it
 * while its run goes on; the lock of a crashed holder expires after one lease and another instance takes over.
 */
public class RunLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);
    static final String NAME = "processing-run";

    private final LockProvider provider;
    private final Duration lease;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "run-lock-keep-alive");
        thread.setDaemon(true);
        return thread;
    });

    public RunLock(DataSource dataSource, boolean sqlite, Duration lease) {
        JdbcTemplateLockProvider.Configuration.Builder configuration = JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock");
        // The database's clock, so instances on hosts whose clocks differ agree on when a lease ends.
        this.provider = new JdbcTemplateLockProvider(sqlite ? configuration.build() : configuration.usingDbTime().build());
        this.lease = lease;
    }

    /** Waits until this instance holds the lock; closing the handle releases it. */
    public Held acquire() throws InterruptedException {
        long pause = Math.max(50, Math.min(500, lease.toMillis() / 10));
        while (true) {
            Optional<SimpleLock> lock = provider.lock(new LockConfiguration(Instant.now(), NAME, lease, Duration.ZERO));
            if (lock.isPresent()) {
                return new Held(lock.get());
            }
            Thread.sleep(pause);
        }
    }

    /** A held lock, extended every third of a lease until closed. */
    public final class Held implements AutoCloseable {
        private SimpleLock lock;
        private final ScheduledFuture<?> extension;

        private Held(SimpleLock lock) {
            this.lock = lock;
            long period = Math.max(1, lease.toMillis() / 3);
            this.extension = keepAlive.scheduleAtFixedRate(this::extend, period, period, TimeUnit.MILLISECONDS);
        }

        private synchronized void extend() {
            try {
                lock.extend(lease, Duration.ZERO).ifPresentOrElse(extended -> lock = extended,
                        () -> log.warn("the run lock could not be extended; another instance may take it over"));
            } catch (RuntimeException e) {
                log.warn("extending the run lock failed: {}", e.getMessage());
            }
        }

        @Override
        public synchronized void close() {
            extension.cancel(false);
            lock.unlock();
        }
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
    }
}
