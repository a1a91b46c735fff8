package io.useringest.processing;

import static io.useringest.processing.ObjectDiffTest.listed;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.storage.ObjectRefusedException;
import io.useringest.storage.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The changes of given keys only (storage events): each key against its own ledger entry,
 * never a listing.
 */
class KeyChangesTest {

    private final Map<String, StoredObject> store = Map.of("a", listed("a", "e1", 1, 1), "b", listed("b", "new", 2, 2),
            "c", listed("c", "e3", 3, 3));

    private final Map<String, KnownObject> ledger = Map.of("b", new KnownObject("b", "old", 2, 2), "c",
            new KnownObject("c", "e3", 3, 3), "gone", new KnownObject("gone", "e", 1, 1), "untouched",
            new KnownObject("untouched", "e", 1, 1));

    private List<ObjectChange> changes(List<String> keys) {
        List<ObjectChange> changes = new ArrayList<>();
        try (KeyChanges keyChanges = new KeyChanges(keys, k -> Optional.ofNullable(store.get(k)),
                k -> Optional.ofNullable(ledger.get(k)), (k, e) -> {
                    throw new AssertionError("no lookup is refused here");
                })) {
            keyChanges.forEachRemaining(changes::add);
        }
        return changes;
    }

    @Test
    void eachGivenKeyIsComparedWithItsOwnLedgerEntryInKeyOrderOnce() {
        assertThat(changes(List.of("gone", "c", "b", "a", "b", "nowhere", "folder/"))).containsExactly(
                new ObjectChange.Added(listed("a", "e1", 1, 1)),
                new ObjectChange.Changed(listed("b", "new", 2, 2), new KnownObject("b", "old", 2, 2)),
                new ObjectChange.Unchanged(listed("c", "e3", 3, 3)),
                new ObjectChange.Removed(new KnownObject("gone", "e", 1, 1)));
    }

    @Test
    void aKeyWhoseLookupTheStoreRefusesIsSkippedNeitherAddedNorRemoved() {
        List<String> skipped = new ArrayList<>();
        List<ObjectChange> changes = new ArrayList<>();
        try (KeyChanges keyChanges = new KeyChanges(List.of("a", "c", "b"), k -> {
            if (!k.equals("a")) {
                throw new ObjectRefusedException("stat source/" + k + ": the store answered 400", null);
            }
            return Optional.of(store.get(k));
        }, k -> Optional.ofNullable(ledger.get(k)), (k, e) -> skipped.add(k))) {
            keyChanges.forEachRemaining(changes::add);
        }
        assertThat(changes).containsExactly(new ObjectChange.Added(listed("a", "e1", 1, 1)));
        assertThat(skipped).containsExactly("b", "c");
    }

    @Test
    void aKeyNotGivenIsNeverTakenForRemoved() {
        assertThat(changes(List.of("a"))).noneMatch(change -> change instanceof ObjectChange.Removed);
        assertThat(changes(List.of())).isEmpty();
    }

}
