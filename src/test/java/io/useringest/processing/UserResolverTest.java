package io.useringest.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.changes.ChangeKind;
import io.useringest.changes.RowSources;
import io.useringest.changes.SourceKey;
import io.useringest.publish.PublishedImage;
import io.useringest.source.FileKind;
import io.useringest.source.SourceEntry;
import io.useringest.source.UserCsv;
import io.useringest.users.UserRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One user's row and image from every file the source holds for the user
 * (docs/contract.md "Inputs", "Processing runs").
 */
class UserResolverTest {

    private final UserResolver resolver = new UserResolver("out", "images/");

    static LedgerEntry csv(String key, String entry, long modified, String first) {
        return new LedgerEntry(SourceEntry.csv(key, entry, "u1", modified, new UserCsv(first, "L", 0)), 1);
    }

    static LedgerEntry badCsv(String key, long modified) {
        return new LedgerEntry(SourceEntry.rejected(key, "", "u1", FileKind.CSV, modified, "is empty"), 2);
    }

    static LedgerEntry image(String key, String entry, long modified, String extension, long run) {
        return new LedgerEntry(SourceEntry.image(key, entry, "u1", modified, extension), run);
    }

    @Test
    void theLatestCsvWinsAndTiesGoToTheGreaterKeyWithAWarning() {
        UserDecision latest = resolver.resolve("u1",
                List.of(csv("a/u1.csv", "", 20, "New"), csv("b/u1.csv", "", 10, "Old")), null, null);
        UserDecision tie = resolver.resolve("u1", List.of(csv("a/u1.csv", "", 10, "A"), csv("b/u1.csv", "", 10, "B")),
                null, null);

        assertThat(latest.row().firstName()).isEqualTo("New");
        assertThat(tie.row().firstName()).isEqualTo("B");
        assertThat(tie.warnings()).singleElement()
            .asString()
            .isEqualTo("user u1 has 2 CSV files (a/u1.csv, b/u1.csv); using b/u1.csv, the most recently modified");
    }

    /**
     * Lineage: a row records the files it came from; the same values from another file
     * are an update (so the row names that file), the same values from the same files are
     * not.
     */
    @Test
    void theSameValuesFromAnotherFileAreAnUpdateThatNamesIt() {
        UserRow stored = new UserRow("u1", "A", "L", 0, null);
        RowSources fromLoose = new RowSources(new SourceKey("u1.csv", ""), null);

        UserDecision same = resolver.resolve("u1", List.of(csv("u1.csv", "", 10, "A")), stored, null, fromLoose);
        UserDecision moved = resolver.resolve("u1", List.of(csv("b.zip", "users/u1.csv", 20, "A")), stored, null,
                fromLoose);
        UserDecision unrecorded = resolver.resolve("u1", List.of(csv("b.zip", "users/u1.csv", 20, "A")), stored, null,
                RowSources.UNRECORDED);

        assertThat(same.rowChange()).isEqualTo(UserDecision.RowChange.UNCHANGED);
        assertThat(same.change()).as("nothing for the feed").isNull();
        assertThat(moved.rowChange()).isEqualTo(UserDecision.RowChange.UPDATE);
        assertThat(moved.change().sources().csv().display()).isEqualTo("b.zip!/users/u1.csv");
        assertThat(unrecorded.rowChange()).as("a row recorded before lineage is not rewritten for it")
            .isEqualTo(UserDecision.RowChange.UNCHANGED);
    }

    @Test
    void aDeleteRecordsTheFilesOfTheRowItRemoves() {
        RowSources sources = new RowSources(new SourceKey("u1.csv", ""), new SourceKey("u1.png", ""));

        UserDecision decision = resolver.resolve("u1", List.of(), new UserRow("u1", "A", "L", 0, "out/images/u1.png"),
                null, sources);

        assertThat(decision.change().kind()).isEqualTo(ChangeKind.DELETE);
        assertThat(decision.change().row()).isNull();
        assertThat(decision.change().sources()).isEqualTo(sources);
    }

    @Test
    void anInvalidNewerCsvKeepsTheLastValidRowAndItsImage() {
        UserRow stored = new UserRow("u1", "Kept", "L", 0, "out/images/u1.png");
        PublishedImage published = new PublishedImage("u1.png", "", 1, "images/u1.png");

        UserDecision decision = resolver.resolve("u1",
                List.of(csv("u1.csv", "", 10, "Old"), badCsv("new/u1.csv", 20), image("u1.png", "", 5, "png", 1)),
                stored, published);

        assertThat(decision.rowChange()).isEqualTo(UserDecision.RowChange.UNCHANGED);
        assertThat(decision.row()).isEqualTo(stored);
        assertThat(decision.publish()).isNull();
        assertThat(decision.unpublishKey()).isNull();
    }

    @Test
    void anImageMovingFromAnArchiveToALooseFileIsPublishedAgainUnderTheSameKey() {
        UserRow stored = new UserRow("u1", "A", "L", 0, "out/images/u1.png");
        PublishedImage fromArchive = new PublishedImage("b.zip", "u1.png", 1, "images/u1.png");

        UserDecision decision = resolver.resolve("u1",
                List.of(csv("u1.csv", "", 10, "A"), image("u1.png", "", 30, "png", 3)), stored, fromArchive);

        assertThat(decision.publish()).isEqualTo(new PublishedImage("u1.png", "", 3, "images/u1.png"));
        assertThat(decision.unpublishKey()).as("same output key: overwritten, not deleted").isNull();
        assertThat(decision.rowChange()).isEqualTo(UserDecision.RowChange.UNCHANGED);
    }

    @Test
    void anImageChangingExtensionUnpublishesTheOldKey() {
        UserRow stored = new UserRow("u1", "A", "L", 0, "out/images/u1.png");
        UserDecision decision = resolver.resolve("u1",
                List.of(csv("u1.csv", "", 10, "A"), image("b.zip", "u1.jpg", 30, "jpg", 3)), stored,
                new PublishedImage("u1.png", "", 1, "images/u1.png"));

        assertThat(decision.publish().outputKey()).isEqualTo("images/u1.jpg");
        assertThat(decision.publishContentType()).isEqualTo("image/jpeg");
        assertThat(decision.unpublishKey()).isEqualTo("images/u1.png");
        assertThat(decision.row().imgPath()).isEqualTo("out/images/u1.jpg");
    }

    @Test
    void anImageWithoutACsvIsAnOrphanNotAUser() {
        UserDecision decision = resolver.resolve("u1", List.of(image("u1.png", "", 1, "png", 1)), null, null);

        assertThat(decision.rowChange()).isEqualTo(UserDecision.RowChange.NONE);
        assertThat(decision.orphanImage()).isTrue();
    }

    @Test
    void aUserWhoseCsvIsGoneIsRemovedWithItsImage() {
        UserDecision decision = resolver.resolve("u1", List.of(image("u1.png", "", 1, "png", 1)),
                new UserRow("u1", "A", "L", 0, "out/images/u1.png"),
                new PublishedImage("u1.png", "", 1, "images/u1.png"));

        assertThat(decision.rowChange()).isEqualTo(UserDecision.RowChange.DELETE);
        assertThat(decision.unpublishKey()).isEqualTo("images/u1.png");
    }

}
