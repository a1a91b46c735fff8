package io.useringest.processing;

import io.useringest.storage.KeyOrder;
import io.useringest.storage.StoredObject;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Pure: merges the source listing with the ledger, both in key order, into a stream of
 * per-key changes. Holds one element of each side at a time, so it runs in constant
 * memory over millions of objects.
 */
public final class ObjectDiff implements Iterator<ObjectChange> {

    private final Iterator<StoredObject> listing;

    private final Iterator<KnownObject> ledger;

    private @Nullable StoredObject nextListed;

    private @Nullable KnownObject nextKnown;

    private @Nullable String lastListedKey;

    public ObjectDiff(Iterator<StoredObject> listing, Iterator<KnownObject> ledger) {
        this.listing = listing;
        this.ledger = ledger;
        advanceListing();
        nextKnown = ledger.hasNext() ? ledger.next() : null;
    }

    /**
     * An object changed when its size or last-modified differ, or its ETag does where
     * both sides have one.
     */
    public static boolean changed(StoredObject listed, KnownObject known) {
        boolean etagsComparable = !listed.etag().isEmpty() && !known.etag().isEmpty();
        return (etagsComparable && !listed.etag().equals(known.etag())) || listed.size() != known.size()
                || listed.lastModified().toEpochMilli() != known.lastModified();
    }

    @Override
    public boolean hasNext() {
        return nextListed != null || nextKnown != null;
    }

    @Override
    public ObjectChange next() {
        StoredObject listed = nextListed;
        KnownObject known = nextKnown;
        ObjectChange change;
        if (listed != null && (known == null || KeyOrder.compare(listed.key(), known.key()) < 0)) {
            change = new ObjectChange.Added(listed);
            advanceListing();
        }
        else if (known != null && (listed == null || KeyOrder.compare(listed.key(), known.key()) > 0)) {
            change = new ObjectChange.Removed(known);
            nextKnown = ledger.hasNext() ? ledger.next() : null;
        }
        else if (listed != null && known != null) {
            change = changed(listed, known) ? new ObjectChange.Changed(listed, known)
                    : new ObjectChange.Unchanged(listed);
            advanceListing();
            nextKnown = ledger.hasNext() ? ledger.next() : null;
        }
        else {
            throw new NoSuchElementException();
        }
        return change;
    }

    private void advanceListing() {
        nextListed = listing.hasNext() ? listing.next() : null;
        if (nextListed != null) {
            if (lastListedKey != null && KeyOrder.compare(lastListedKey, nextListed.key()) >= 0) {
                throw new IllegalStateException("the storage listed \"" + nextListed.key() + "\" after \""
                        + lastListedKey + "\"; changes can only be computed from a listing in key order");
            }
            lastListedKey = nextListed.key();
        }
    }

}
