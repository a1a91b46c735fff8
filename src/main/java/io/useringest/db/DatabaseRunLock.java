package io.useringest.db;

import io.useringest.config.DaemonThreads;
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
 * A lock (the run lock, the output.csv lock) of instances sharing a PostgreSQL database:
 * ShedLock over the database. A holder extends it while its run goes on; the lock of a
 * crashed holder expires after one lease and another instance takes over.
 */
public class DatabaseRunLock implements RunLock {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRunLock.class);

    private final String name;

    private final LockProvider provider;

    private final Duration lease;

    private final ScheduledExecutorService keepAlive = Executors
        .newSingleThreadScheduledExecutor(DaemonThreads.named("run-lock-keep-alive"));

    public DatabaseRunLock(DataSource dataSource, String name, Duration lease) {
        this.name = name;
        // The database's clock, so instances on hosts whose clocks differ agree on when a
        // lease ends.
        this.provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .withTableName("shedlock")
            .usingDbTime()
            .build());
        this.lease = lease;
    }

    @Override
    public Held acquire() throws InterruptedException {
        long pause = Math.max(50, Math.min(500, lease.toMillis() / 10));
        while (true) {
            Optional<SimpleLock> lock = provider.lock(new LockConfiguration(Instant.now(), name, lease, Duration.ZERO));
            if (lock.isPresent()) {
                return new ExtendedLease(lock.get());
            }
            Thread.sleep(pause);
        }
    }

    /** A held lock, extended every third of a lease until closed. */
    private final class ExtendedLease implements Held {

        private SimpleLock lock;

        private final ScheduledFuture<?> extension;

        private ExtendedLease(SimpleLock lock) {
            this.lock = lock;
            long period = Math.max(1, lease.toMillis() / 3);
            this.extension = keepAlive.scheduleAtFixedRate(this::extend, period, period, TimeUnit.MILLISECONDS);
        }

        private synchronized void extend() {
            try {
                lock.extend(lease, Duration.ZERO)
                    .ifPresentOrElse(extended -> lock = extended, () -> log
                        .warn("the lock {} could not be extended; another instance may take it over", name));
            }
            catch (RuntimeException e) {
                log.warn("extending the lock {} failed: {}", name, e.getMessage());
            }
        }

        @Override
        public synchronized void close() {
            extension.cancel(false);
            try {
                lock.unlock();
            }
            catch (IllegalStateException e) {
                log.warn("releasing the lock {} failed ({}); it expires after its lease", name, e.getMessage());
            }
        }

    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
    }

}
