package io.useringest.changes;

import org.jspecify.annotations.Nullable;

/**
 * The source files a user's row was made from: its CSV, and its image if it has one.
 * Either is absent for rows recorded before lineage was kept.
 */
public record RowSources(@Nullable SourceKey csv, @Nullable SourceKey image) {

    public static final RowSources UNRECORDED = new RowSources(null, null);

}
