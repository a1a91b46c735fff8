package io.useringest.processing;

import io.useringest.config.Futures;
import io.useringest.runs.RunProgress;
import io.useringest.source.FileKind;
import io.useringest.source.ObjectContents;
import io.useringest.source.SourceName;
import io.useringest.source.SourceObjectReader;
import io.useringest.storage.ObjectStore;
import io.useringest.storage.StoredObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The reader of a run: what changed in the source since the ledger last saw it (the whole
 * source listed, or exactly some keys), and the contents of every new and changed object,
 * read with bounded parallel GETs and handed on in batches.
 */
class SourceReading {

    private static final int BATCH = 500;

    /** Where a batch of read objects and removed keys goes (the run's writer). */
    @FunctionalInterface
    interface Batches {

        void take(List<ObjectContents> read, List<String> removed);

    }

    private final RunSettings settings;

    private final ObjectStore store;

    private final SourceObjectReader reader;

    private final SourceLedger ledger;

    private final ExecutorService readPool;

    private final int readWindow;

    SourceReading(RunSettings settings, ObjectStore store, SourceObjectReader reader, SourceLedger ledger,
            ExecutorService readPool) {
        this.settings = settings;
        this.store = store;
        this.reader = reader;
        this.ledger = ledger;
        this.readPool = readPool;
        this.readWindow = settings.readConcurrency() * 4;
    }

    /**
     * The changes a run asks for: the whole source listed and merged with the whole
     * ledger, or exactly the given keys, each looked up and compared with the ledger's
     * entry for it (storage events).
     */
    SourceChanges changes(RunProgress run, RunRequest request) {
        if (request instanceof RunRequest.Keys keys) {
            return new KeyChanges(keys.keys(), key -> store.stat(settings.sourceBucket(), key), ledger::known,
                    (key, refused) -> run.warn("skipped " + key + ": " + refused.getMessage()
                            + "; the object is left as it was until a later event or full run reads it"));
        }
        return new ListedChanges(
                store.list(settings.sourceBucket(), settings.sourcePrefix()).peek(object -> run.listed()),
                ledger.knownObjects());
    }

    /**
     * Reads every new and changed object and hands them and the removals on in batches.
     */
    void read(RunProgress run, SourceChanges changes, Batches batches) {
        List<ObjectContents> read = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Deque<Future<ObjectContents>> inFlight = new ArrayDeque<>();
        try {
            while (changes.hasNext()) {
                ObjectChange change = changes.next();
                if (change instanceof ObjectChange.Removed r) {
                    removed.add(r.known().key());
                }
                StoredObject object = change instanceof ObjectChange.Added a ? a.listed()
                        : change instanceof ObjectChange.Changed c ? c.listed() : null;
                if (object != null && SourceName.of(object.key()).kind() == FileKind.IGNORED) {
                    run.ignored();
                }
                else if (object != null) {
                    inFlight.add(startReading(object));
                    while (inFlight.size() >= readWindow) {
                        read.add(Futures.await(inFlight.remove(), "run", inFlight));
                    }
                }
                if (read.size() >= BATCH || removed.size() >= BATCH) {
                    handOn(batches, read, removed);
                }
            }
            while (!inFlight.isEmpty()) {
                read.add(Futures.await(inFlight.remove(), "run", inFlight));
            }
            handOn(batches, read, removed);
        }
        finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    /**
     * A download goes to the read pool; an object read from its listing alone is read
     * here.
     */
    private Future<ObjectContents> startReading(StoredObject object) {
        return SourceObjectReader.needsDownload(object) ? readPool.submit(() -> reader.read(object))
                : CompletableFuture.completedFuture(reader.read(object));
    }

    private static void handOn(Batches batches, List<ObjectContents> read, List<String> removed) {
        batches.take(read, removed);
        read.clear();
        removed.clear();
    }

}
