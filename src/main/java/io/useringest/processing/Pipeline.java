package io.useringest.processing;

import io.useringest.config.Settings;
import io.useringest.db.DataSources;
import io.useringest.db.Database;
import io.useringest.db.ServiceState;
import io.useringest.publish.OutputPublisher;
import io.useringest.publish.PublishQueue;
import io.useringest.runs.RunRepository;
import io.useringest.source.SourceObjectReader;
import io.useringest.source.UserCsvParser;
import io.useringest.storage.ObjectStore;
import io.useringest.users.UserQueries;
import io.useringest.users.UserRepository;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import tools.jackson.databind.json.JsonMapper;

/** The processing components wired together; the Spring configuration and the pipeline tests both build it here. */
public record Pipeline(Database database, UserRepository users, UserQueries userQueries, RunRepository runs,
                       ProcessingService processing, OutputPublisher publisher, ExecutorService ioPool)
        implements AutoCloseable {

    public static Pipeline create(Settings settings, ObjectStore store, DataSource dataSource, JsonMapper json,
                                  Clock clock) {
        Database db = new Database(dataSource, settings.sqlite());
        ExecutorService ioPool = Executors.newFixedThreadPool(settings.readConcurrency(), DaemonThreads.named("storage-io"));
        UserRepository users = new UserRepository(db);
        RunRepository runs = new RunRepository(db, json);
        SourceLedger ledger = new SourceLedger(db);
        PublishQueue queue = new PublishQueue(db);
        OutputPublisher publisher = new OutputPublisher(store, queue, users, new ServiceState(db), ioPool,
                settings.sourceBucket(), settings.outputBucket(), settings.outputCsvKey());
        RunExecutor executor = new RunExecutor(store, settings.sourceBucket(), settings.sourcePrefix(),
                new SourceObjectReader(store, settings.sourceBucket(), new UserCsvParser(clock)), ledger,
                new UserResolver(settings.outputBucket(), settings.outputImagesPrefix()), users, queue,
                new HeldRemovals(db), publisher, db.transactions(),
                ioPool, settings.readConcurrency(), settings.publishRetry());
        return new Pipeline(db, users, new UserQueries(db), runs,
                new ProcessingService(executor, runs, runLock(settings, dataSource)), publisher, ioPool);
    }

    private static RunLock runLock(Settings settings, DataSource dataSource) {
        return settings.sqlite()
                ? new FileRunLock(DataSources.sqliteFile(settings.databaseUrl())
                        .map(db -> db.resolveSibling(db.getFileName() + ".run-lock"))
                        .orElse(settings.dataDir().resolve("in-memory.run-lock")))
                : new DatabaseRunLock(dataSource, settings.runLockLease());
    }

    @Override
    public void close() {
        processing.close();
        ioPool.shutdownNow();
    }
}
