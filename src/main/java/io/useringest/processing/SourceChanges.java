package io.useringest.processing;

import java.util.Iterator;

/**
 * What changed in the source since the ledger last saw it, one key at a time in key
 * order: the reader side of a run. {@link ListedChanges} compares a full listing with the
 * whole ledger; {@link KeyChanges} looks up only the keys it is given, so a key it was
 * not given is never a removal. Closing releases the listing and the cursor.
 */
public interface SourceChanges extends Iterator<ObjectChange>, AutoCloseable {

    @Override
    void close();

}
