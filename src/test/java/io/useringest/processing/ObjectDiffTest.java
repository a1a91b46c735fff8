package io.useringest.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useringest.storage.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The listing merged with the ledger: what is added, changed, removed or unchanged, and
 * when change is judged.
 */
class ObjectDiffTest {

    static StoredObject listed(String key, String etag, long size, long modified) {
        return new StoredObject(key, etag, size, Instant.ofEpochMilli(modified));
    }

    static List<ObjectChange> diff(List<StoredObject> listing, List<KnownObject> ledger) {
        List<ObjectChange> changes = new ArrayList<>();
        new ObjectDiff(listing.iterator(), ledger.iterator()).forEachRemaining(changes::add);
        return changes;
    }

    @Test
    void eachKeyIsAddedChangedRemovedOrUnchangedInKeyOrder() {
        List<ObjectChange> changes = diff(
                List.of(listed("a", "e1", 1, 10), listed("b", "e2", 2, 20), listed("d", "e4", 4, 40)),
                List.of(new KnownObject("b", "e2", 2, 20), new KnownObject("c", "e3", 3, 30),
                        new KnownObject("d", "old", 4, 40)));

        assertThat(changes).containsExactly(new ObjectChange.Added(listed("a", "e1", 1, 10)),
                new ObjectChange.Unchanged(listed("b", "e2", 2, 20)),
                new ObjectChange.Removed(new KnownObject("c", "e3", 3, 30)),
                new ObjectChange.Changed(listed("d", "e4", 4, 40), new KnownObject("d", "old", 4, 40)));
    }

    @Test
    void withoutAnETagOnEitherSideChangeIsJudgedBySizeAndLastModified() {
        assertThat(ObjectDiff.changed(listed("a", "", 1, 10), new KnownObject("a", "e", 1, 10))).isFalse();
        assertThat(ObjectDiff.changed(listed("a", "e", 1, 10), new KnownObject("a", "", 1, 10))).isFalse();
        assertThat(ObjectDiff.changed(listed("a", "", 2, 10), new KnownObject("a", "", 1, 10))).isTrue();
        assertThat(ObjectDiff.changed(listed("a", "", 1, 11), new KnownObject("a", "", 1, 10))).isTrue();
    }

    @Test
    void anObjectThatAppearsLateWithAnOldTimestampIsStillNew() {
        assertThat(diff(List.of(listed("late", "e", 1, 0)), List.of()))
            .containsExactly(new ObjectChange.Added(listed("late", "e", 1, 0)));
    }

    @Test
    void aListingOutOfKeyOrderOrWithAKeyTwiceIsRefused() {
        assertThatThrownBy(() -> diff(List.of(listed("b", "e", 1, 1), listed("a", "e", 1, 1)), List.of()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("listed \"a\" after \"b\"");
        assertThatThrownBy(() -> diff(List.of(listed("a", "e", 1, 1), listed("a", "e", 1, 1)), List.of()))
            .isInstanceOf(IllegalStateException.class);
    }

}
