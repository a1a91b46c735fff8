package io.useringest.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.useringest.changes.SourceKey;
import io.useringest.changes.UserChange;
import io.useringest.users.UserRepository;
import io.useringest.users.UserRow;
import org.jspecify.annotations.Nullable;

/**
 * A change as the feed and a user's history show it: the row's values after it (null
 * after a delete), the source files behind it, the run that made it and when.
 */
@Schema(description = "one change to the users table")
public record ChangeView(@Schema(description = "the change's place in the feed: increasing, never reused") long seq,
        @Schema(allowableValues = {
                "insert", "update", "delete" }) String change,
        String userId, @Nullable String firstName, @Nullable String lastName, @Nullable Long birthts,
        @Schema(format = "date") @Nullable String birthdate, @Nullable String imgPath,
        @Schema(description = "the CSV behind the change (archive!/entry)") @Nullable String csvKey,
        @Schema(description = "the source image the row's image came from") @Nullable String imageKey,
        @Schema(description = "the run that made it; null: recorded when the feed began") @Nullable Long runId,
        @Schema(format = "date-time") String changedAt){

    static ChangeView of(UserChange change) {
        UserRow row = change.row();
        return new ChangeView(change.seq(), change.kind().text(), change.userId(), row == null ? null : row.firstName(),
                row == null ? null : row.lastName(), row == null ? null : row.birthts(),
                row == null ? null : UserRepository.birthdate(row.birthts()).toString(),
                row == null ? null : row.imgPath(), display(change.sources().csv()), display(change.sources().image()),
                change.runId(), change.changedAt().toString());
    }

    private static @Nullable String display(@Nullable SourceKey key) {
        return key == null ? null : key.display();
    }

}
