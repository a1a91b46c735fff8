package io.useringest.processing;

import io.useringest.changes.ChangeLog;
import io.useringest.changes.RowSources;
import io.useringest.publish.PublishQueue;
import io.useringest.publish.PublishedImage;
import io.useringest.users.UserRepository;
import io.useringest.users.UserRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The second reader of a run: the users its source changes affect, a chunk at a time in
 * user id order, each with what deciding it needs (its files in the ledger, its row, its
 * published image, the sources of its row).
 */
class AffectedUsers {

    private static final int CHUNK = 1000;

    /** Up to {@value #CHUNK} affected users and their inputs. */
    record Chunk(List<String> userIds, Map<String, List<LedgerEntry>> files, Map<String, UserRow> current,
            Map<String, PublishedImage> published, Map<String, RowSources> sources) {

        /** Each user's decision, in user id order. */
        List<UserDecision> decide(UserResolver resolver) {
            List<UserDecision> decisions = new ArrayList<>(userIds.size());
            for (String userId : userIds) {
                decisions.add(resolver.resolve(userId, files.getOrDefault(userId, List.of()), current.get(userId),
                        published.get(userId), sources.getOrDefault(userId, RowSources.UNRECORDED)));
            }
            return decisions;
        }

    }

    private final SourceLedger ledger;

    private final UserRepository users;

    private final PublishQueue queue;

    private final ChangeLog changes;

    AffectedUsers(SourceLedger ledger, UserRepository users, PublishQueue queue, ChangeLog changes) {
        this.ledger = ledger;
        this.users = users;
        this.queue = queue;
        this.changes = changes;
    }

    /**
     * The chunks, read one at a time as they are asked for: a chunk is read after the one
     * before it was written, so those writes do not change what it reads.
     */
    Iterable<Chunk> chunks() {
        return () -> new Iterator<>() {

            private String after = "";

            private @Nullable List<String> ids;

            @Override
            public boolean hasNext() {
                if (ids == null) {
                    ids = ledger.affectedAfter(after, CHUNK);
                }
                return !ids.isEmpty();
            }

            @Override
            public Chunk next() {
                List<String> chunk = hasNext() ? ids : null;
                if (chunk == null || chunk.isEmpty()) {
                    throw new NoSuchElementException();
                }
                Map<String, List<LedgerEntry>> files = ledger.entriesOf(chunk)
                    .stream()
                    .collect(Collectors.groupingBy(e -> e.entry().userId()));
                after = chunk.get(chunk.size() - 1);
                ids = null;
                return new Chunk(chunk, files, users.findAll(chunk), queue.published(chunk), changes.sourcesOf(chunk));
            }

        };
    }

}
