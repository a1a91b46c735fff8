package io.useringest.processing;

import io.useringest.storage.StoredObject;
import java.util.stream.Stream;

/**
 * Every object below the source prefix, listed and merged with every object of the ledger
 * ({@link ObjectDiff}).
 */
final class ListedChanges implements SourceChanges {

    private final Stream<StoredObject> listing;

    private final SourceLedger.KnownObjects known;

    private final ObjectDiff diff;

    ListedChanges(Stream<StoredObject> listing, SourceLedger.KnownObjects known) {
        this.listing = listing;
        this.known = known;
        this.diff = new ObjectDiff(listing.iterator(), known);
    }

    @Override
    public boolean hasNext() {
        return diff.hasNext();
    }

    @Override
    public ObjectChange next() {
        return diff.next();
    }

    @Override
    public void close() {
        try (listing; known) {
            // both closed, the cursor even if the listing fails to close
        }
    }

}
