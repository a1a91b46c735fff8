package io.useringest.processing;

import io.useringest.changes.ChangeLog;
import io.useringest.publish.PublishQueue;
import io.useringest.runs.RunProgress;
import io.useringest.source.ObjectContents;
import io.useringest.users.UserRepository;
import java.util.List;

/**
 * The writing end of a run, inside its transaction: what was read goes to the ledger, and
 * each chunk's decisions to the users table, the change log, the held removals and the
 * outbox (the publish queue and the published images it remembers).
 */
class RunWriter {

    private final SourceLedger ledger;

    private final UserRepository users;

    private final HeldRemovals held;

    private final PublishQueue queue;

    private final ChangeLog changes;

    RunWriter(SourceLedger ledger, UserRepository users, HeldRemovals held, PublishQueue queue, ChangeLog changes) {
        this.ledger = ledger;
        this.users = users;
        this.held = held;
        this.queue = queue;
        this.changes = changes;
    }

    /**
     * Prunes the changes the retention no longer keeps, before the run writes its own;
     * returns the feed's horizon.
     */
    long pruneChanges() {
        return changes.prune();
    }

    /** Records objects read and forgets objects removed, and counts them in the run. */
    void recordRead(RunProgress run, List<ObjectContents> read, List<String> removed) {
        ledger.record(read, run.id);
        ledger.forgetObjects(removed);
        run.read(read.stream().filter(ObjectContents::downloaded).count());
        read.forEach(contents -> contents.warnings().forEach(run::warn));
    }

    /** Applies one chunk's decisions; returns whether a user row changed. */
    boolean apply(RunProgress run, ChunkWrites writes, long horizon) {
        users.upsert(writes.upserts());
        users.delete(writes.deletes());
        changes.record(run.id, writes.changes(), horizon);
        held.hold(writes.holds());
        queue.enqueue(writes.tasks());
        queue.recordPublished(writes.published());
        queue.forgetPublished(writes.unpublished());
        run.apply(writes.contribution());
        return writes.changesRows();
    }

}
