package io.useringest.storage;

import io.useringest.config.DaemonThreads;
import io.useringest.config.HeadStart;
import io.useringest.config.Settings;
import io.useringest.config.SettingsConfiguration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The object store: the connection (embedded server or external endpoint), its I/O pool
 * and its health.
 */
@Configuration(proxyBeanMethods = false)
@Import(SettingsConfiguration.class)
public class StorageConfiguration {

    /**
     * The name of the pool that runs storage requests in parallel (reads of a run, copies
     * of publishing).
     */
    public static final String IO_POOL = "storageIo";

    /** The bean that opens the store early, when the start made one. */
    public static final String HEAD_START = "storageHeadStart";

    @Bean(destroyMethod = "close")
    StorageConnection storageConnection(Settings settings,
            @Qualifier(HEAD_START) ObjectProvider<HeadStart<StorageConnection>> headStart) {
        HeadStart<StorageConnection> early = headStart.getIfAvailable();
        return early == null ? StorageConnection.open(settings) : early.take(settings, StorageConnection::open);
    }

    @Bean
    ObjectStore objectStore(StorageConnection connection) {
        return connection.store();
    }

    @Bean(name = IO_POOL, destroyMethod = "shutdownNow")
    ExecutorService storageIo(Settings settings) {
        return Executors.newFixedThreadPool(settings.readConcurrency(), DaemonThreads.named("storage-io"));
    }

    @Bean
    StorageHealth storageHealthIndicator(StorageConnection connection, Settings settings) {
        return new StorageHealth(connection.store(), connection.endpoint(), settings.sourceBucket(),
                settings.outputBucket());
    }

}
