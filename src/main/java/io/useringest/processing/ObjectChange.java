package io.useringest.processing;

import io.useringest.storage.StoredObject;

/** How one key differs between the source listing and the ledger. */
public sealed interface ObjectChange {

    record Added(StoredObject listed) implements ObjectChange {
    }

    record Changed(StoredObject listed, KnownObject known) implements ObjectChange {
    }

    record Removed(KnownObject known) implements ObjectChange {
    }

    record Unchanged(StoredObject listed) implements ObjectChange {
    }

}
