package io.useringest.processing;

import io.useringest.storage.KeyOrder;
import io.useringest.storage.ObjectRefusedException;
import io.useringest.storage.StoredObject;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The changes of exactly the given keys (those of storage events): each key is looked up
 * in the store and compared with the ledger's entry for that key only. A key that is in
 * neither is nothing; a key not given is never looked at, so it is never taken for
 * removed. Keys are deduplicated and taken in key order.
 */
public final class KeyChanges implements SourceChanges {

    private final Iterator<String> keys;

    private final Function<String, Optional<StoredObject>> lookup;

    private final Function<String, Optional<KnownObject>> known;

    private final BiConsumer<String, ObjectRefusedException> skipped;

    private @Nullable ObjectChange next;

    /**
     * @param lookup the object under a key now (a stat), empty when there is none
     * @param known the ledger's entry for a key, empty when the ledger has none
     * @param skipped told of a key whose lookup the store refused (a 4xx about that key):
     * it is left as it is, neither added nor removed
     */
    public KeyChanges(Collection<String> keys, Function<String, Optional<StoredObject>> lookup,
            Function<String, Optional<KnownObject>> known, BiConsumer<String, ObjectRefusedException> skipped) {
        TreeSet<String> sorted = new TreeSet<>(KeyOrder.COMPARATOR);
        keys.stream().filter(key -> !key.isEmpty() && !key.endsWith("/")).forEach(sorted::add);
        this.keys = sorted.iterator();
        this.lookup = lookup;
        this.known = known;
        this.skipped = skipped;
    }

    @Override
    public boolean hasNext() {
        while (next == null && keys.hasNext()) {
            String key = keys.next();
            Optional<StoredObject> object;
            try {
                object = lookup.apply(key);
            }
            catch (ObjectRefusedException e) {
                skipped.accept(key, e);
                continue;
            }
            Optional<KnownObject> remembered = known.apply(key);
            if (object.isPresent() && remembered.isPresent()) {
                next = ObjectDiff.changed(object.get(), remembered.get())
                        ? new ObjectChange.Changed(object.get(), remembered.get())
                        : new ObjectChange.Unchanged(object.get());
            }
            else if (object.isPresent()) {
                next = new ObjectChange.Added(object.get());
            }
            else if (remembered.isPresent()) {
                next = new ObjectChange.Removed(remembered.get());
            }
        }
        return next != null;
    }

    @Override
    public ObjectChange next() {
        ObjectChange change = hasNext() ? next : null;
        if (change == null) {
            throw new NoSuchElementException();
        }
        next = null;
        return change;
    }

    @Override
    public void close() {
        // nothing held open: every key is looked up on its own
    }

}
