package io.useringest.processing;

import io.useringest.changes.NewChange;
import io.useringest.publish.PublishTask;
import io.useringest.publish.PublishedImage;
import io.useringest.runs.RunContribution;
import io.useringest.users.UserRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pure: what one chunk of users' decisions writes — rows to upsert and delete, removals
 * the deletion guard holds, publish tasks (copy a loose image, extract one from an
 * archive, delete an output key), the published-image records, the changes for the feed —
 * and what it adds to the run's counters. The executor applies it; nothing here does I/O.
 */
public record ChunkWrites(List<UserRow> upserts, List<String> deletes, List<String> holds, List<PublishTask> tasks,
        List<Map.Entry<String, PublishedImage>> published, List<String> unpublished, List<NewChange> changes,
        RunContribution contribution) {

    public static ChunkWrites of(List<UserDecision> decisions, boolean guard) {
        List<UserRow> upserts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        List<String> holds = new ArrayList<>();
        List<PublishTask> tasks = new ArrayList<>();
        List<Map.Entry<String, PublishedImage>> published = new ArrayList<>();
        List<String> unpublished = new ArrayList<>();
        List<NewChange> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long added = 0;
        long updated = 0;
        long removed = 0;
        long orphans = 0;
        for (UserDecision decision : decisions) {
            warnings.addAll(decision.warnings());
            if (decision.orphanImage()) {
                orphans++;
            }
            switch (decision.rowChange()) {
                case INSERT -> {
                    upserts.add(decision.row());
                    added++;
                }
                case UPDATE -> {
                    upserts.add(decision.row());
                    updated++;
                }
                case DELETE -> {
                    if (guard) {
                        holds.add(decision.userId());
                        continue;
                    }
                    deletes.add(decision.userId());
                    removed++;
                }
                default -> {
                }
            }
            NewChange change = decision.change();
            if (change != null) {
                changes.add(change);
            }
            PublishedImage publish = decision.publish();
            String contentType = decision.publishContentType();
            if (publish != null && contentType != null) {
                tasks.add(publishTask(publish, contentType));
                published.add(Map.entry(decision.userId(), publish));
            }
            String unpublishKey = decision.unpublishKey();
            if (unpublishKey != null) {
                tasks.add(new PublishTask(unpublishKey, PublishTask.Action.DELETE, null, null, null));
                if (publish == null) {
                    unpublished.add(decision.userId());
                }
            }
        }
        return new ChunkWrites(upserts, deletes, holds, tasks, published, unpublished, changes,
                new RunContribution(added, updated, removed, orphans, warnings));
    }

    /**
     * A loose image is copied server-side; an archive's entry is extracted from the
     * archive.
     */
    static PublishTask publishTask(PublishedImage image, String contentType) {
        return image.entryName().isEmpty()
                ? new PublishTask(image.outputKey(), PublishTask.Action.COPY, image.objectKey(), null, contentType)
                : new PublishTask(image.outputKey(), PublishTask.Action.EXTRACT, image.objectKey(), image.entryName(),
                        contentType);
    }

    /** Whether any user row changes. */
    public boolean changesRows() {
        return !upserts.isEmpty() || !deletes.isEmpty();
    }
}
