package io.useringest.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.changes.RowSources;
import io.useringest.publish.PublishTask;
import io.useringest.publish.PublishedImage;
import io.useringest.runs.RunContribution;
import io.useringest.users.UserRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run's pure rules: the deletion guard, a chunk's writes and counts, the cap on
 * listed rejections.
 */
class RunRulesTest {

    @Test
    void theGuardHoldsBackRemovingMoreThanHalfOfAtLeastTwentyUsers() {
        assertThat(DeletionGuard.holdsBack(false, 20, 11)).isTrue();
        assertThat(DeletionGuard.holdsBack(false, 20, 10)).as("exactly half is allowed").isFalse();
        assertThat(DeletionGuard.holdsBack(false, 19, 19)).as("fewer than 20 users").isFalse();
        assertThat(DeletionGuard.holdsBack(true, 1000, 1000)).as("forced").isFalse();
    }

    @Test
    void aChunkBecomesUpsertsDeletesPublishTasksAndOneContribution() {
        UserRow row = new UserRow("a", "A", "L", 0, "out/images/a.png");
        List<UserDecision> decisions = List.of(
                new UserDecision("a", UserDecision.RowChange.INSERT, row,
                        new PublishedImage("a.png", "", 1, "images/a.png"), "image/png", null, List.of(), false,
                        RowSources.UNRECORDED),
                new UserDecision("b", UserDecision.RowChange.UPDATE, new UserRow("b", "B", "L", 0, "out/images/b.jpg"),
                        new PublishedImage("x.zip", "b.jpg", 1, "images/b.jpg"), "image/jpeg", "images/b.png",
                        List.of("w"), false, RowSources.UNRECORDED),
                UserDecision.delete("c", "images/c.png", List.of(), RowSources.UNRECORDED),
                UserDecision.none("d", List.of(), true));

        ChunkWrites writes = ChunkWrites.of(decisions, false);

        assertThat(writes.upserts()).extracting(UserRow::userId).containsExactly("a", "b");
        assertThat(writes.deletes()).containsExactly("c");
        assertThat(writes.tasks()).containsExactly(
                new PublishTask("images/a.png", PublishTask.Action.COPY, "a.png", null, "image/png"),
                new PublishTask("images/b.jpg", PublishTask.Action.EXTRACT, "x.zip", "b.jpg", "image/jpeg"),
                new PublishTask("images/b.png", PublishTask.Action.DELETE, null, null, null),
                new PublishTask("images/c.png", PublishTask.Action.DELETE, null, null, null));
        assertThat(writes.unpublished()).containsExactly("c");
        assertThat(writes.contribution()).isEqualTo(new RunContribution(1, 1, 1, 1, List.of("w")));
        assertThat(writes.changesRows()).isTrue();
    }

    @Test
    void underTheGuardRemovalsAreHeldAndTheirImagesKept() {
        ChunkWrites writes = ChunkWrites
            .of(List.of(UserDecision.delete("c", "images/c.png", List.of(), RowSources.UNRECORDED)), true);

        assertThat(writes.deletes()).isEmpty();
        assertThat(writes.holds()).containsExactly("c");
        assertThat(writes.tasks()).isEmpty();
        assertThat(writes.contribution().usersRemoved()).isZero();
        assertThat(writes.changesRows()).isFalse();
    }

    @Test
    void aThousandRejectionsAreListedAndTheRestCounted() {
        assertThat(RejectionCap.leftOut(1000)).isEmpty();
        assertThat(RejectionCap.leftOut(1234)).contains("234 more rejected files not listed");
    }

}
