package io.useringest.source;

import io.useringest.storage.StoredObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one new or changed source object holds. {@code rejection} is set when the object
 * is rejected as a whole (an archive that is a zip bomb or unreadable); then
 * {@code entries} is empty and the ledger keeps what it had.
 */
public record ObjectContents(StoredObject object, List<SourceEntry> entries, @Nullable String rejection,
        List<String> warnings, boolean downloaded) {
}
