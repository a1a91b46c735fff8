package io.useringest.processing;

import io.useringest.source.SourceEntry;

/**
 * A user file the ledger holds, with the run that last read it (its version, for
 * republishing images).
 */
public record LedgerEntry(SourceEntry entry, long readRun) {
}
