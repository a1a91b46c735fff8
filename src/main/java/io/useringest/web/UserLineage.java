package io.useringest.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.useringest.changes.Lineage;
import io.useringest.changes.SourceKey;
import org.jspecify.annotations.Nullable;

/**
 * Where a user's row came from: its CSV (key, and the object's ETag, size and
 * last-modified time as last read), its image, and the change that made the row.
 */
@Schema(description = "where the row came from; the csv fields are null for users recorded before lineage was kept")
public record UserLineage(
        @Schema(description = "the CSV: its key, archive!/entry for an archive's entry") @Nullable String csvKey,
        @Schema(description = "the ETag of the CSV's object (the archive for an entry); null where the store "
                + "gives none") @Nullable String csvEtag,
        @Nullable Long csvSize, @Schema(format = "date-time") @Nullable String csvLastModified,
        @Schema(description = "the source image, archive!/entry for an archive's entry") @Nullable String imageKey,
        @Schema(description = "the run that last changed the row; null for users recorded when the feed "
                + "began") @Nullable Long runId,
        @Schema(format = "date-time") String changedAt,
        @Schema(description = "the change in the feed that made the row") long seq) {

    static UserLineage of(Lineage lineage) {
        SourceKey csv = lineage.change().sources().csv();
        SourceKey image = lineage.change().sources().image();
        Lineage.SourceObject object = lineage.csvObject();
        return new UserLineage(csv == null ? null : csv.display(),
                object == null || object.etag().isEmpty() ? null : object.etag(), object == null ? null : object.size(),
                object == null ? null : object.lastModified().toString(), image == null ? null : image.display(),
                lineage.change().runId(), lineage.change().changedAt().toString(), lineage.change().seq());
    }

}
