package io.useringest.processing;

import io.micrometer.core.instrument.MeterRegistry;
import io.useringest.changes.ChangeLog;
import io.useringest.config.Settings;
import io.useringest.db.Database;
import io.useringest.db.LockName;
import io.useringest.db.NamedValues;
import io.useringest.db.RunLock;
import io.useringest.publish.OutputPublisher;
import io.useringest.publish.PublishConfiguration;
import io.useringest.publish.PublishQueue;
import io.useringest.runs.RunMetrics;
import io.useringest.runs.RunRepository;
import io.useringest.runs.RunsConfiguration;
import io.useringest.source.SourceConfiguration;
import io.useringest.source.SourceObjectReader;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StorageConfiguration;
import io.useringest.users.UserRepository;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The processing run and everything beneath it: this configuration (with the ones it
 * imports) is the whole service but its HTTP surface and start-up steps; the service, the
 * command line and the tests all load it.
 */
@Configuration(proxyBeanMethods = false)
@Import({ SourceConfiguration.class, PublishConfiguration.class, RunsConfiguration.class })
public class ProcessingConfiguration {

    @Bean
    SourceLedger sourceLedger(Database database) {
        return new SourceLedger(database);
    }

    @Bean
    ChangeLog changeLog(Database database, NamedValues state, Clock clock, Settings settings) {
        return new ChangeLog(database, state, clock, settings.changesRetention());
    }

    @Bean
    HeldRemovals heldRemovals(Database database) {
        return new HeldRemovals(database);
    }

    @Bean
    UserResolver userResolver(Settings settings) {
        return new UserResolver(settings.outputBucket(), settings.outputImagesPrefix());
    }

    @Bean
    RunExecutor runExecutor(ObjectStore store, Settings settings, SourceObjectReader reader, SourceLedger ledger,
            UserResolver resolver, UserRepository users, PublishQueue queue, HeldRemovals held,
            OutputPublisher publisher, OutputCsvRefresh csv, ChangeLog changes, Database database,
            @Qualifier(StorageConfiguration.IO_POOL) ExecutorService io) {
        return new RunExecutor(
                new RunSettings(settings.sourceBucket(), settings.sourcePrefix(), settings.readConcurrency(),
                        settings.publishRetry()),
                store, reader, ledger, resolver, users, queue, held, publisher, csv, changes, database.transactions(),
                io);
    }

    /** At most one run at a time, in the way the database's dialect holds locks. */
    @Bean(destroyMethod = "close")
    RunLock runLock(Settings settings, Database database) {
        return lock(LockName.RUN, settings, database);
    }

    /**
     * Keeps output.csv writes from overlapping, so the last one written is the newest.
     */
    @Bean(destroyMethod = "close")
    OutputCsvRefresh outputCsvRefresh(OutputPublisher publisher, Settings settings, Database database) {
        return new OutputCsvRefresh(publisher, outputCsvLock(settings, database));
    }

    /** The lock every writer of output.csv holds (instances, commands, tests). */
    public static RunLock outputCsvLock(Settings settings, Database database) {
        return lock(LockName.OUTPUT_CSV, settings, database);
    }

    private static RunLock lock(LockName name, Settings settings, Database database) {
        return database.dialect()
            .lock(name, database.dataSource(), settings.database(), settings.dataDir(), settings.runLockLease());
    }

    @Bean(destroyMethod = "close")
    ProcessingService processingService(RunExecutor executor, RunRepository runs, RunLock runLock, Database database,
            ObjectProvider<MeterRegistry> meters) {
        ProcessingService processing = new ProcessingService(executor, runs, runLock,
                database.dialect().writesBesideARun());
        meters.ifAvailable(registry -> processing.onFinished(new RunMetrics(registry, runs)::record));
        return processing;
    }

}
