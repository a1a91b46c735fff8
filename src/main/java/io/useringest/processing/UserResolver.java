package io.useringest.processing;

import io.useringest.changes.RowSources;
import io.useringest.changes.SourceKey;
import io.useringest.publish.PublishedImage;
import io.useringest.source.FileKind;
import io.useringest.source.SourceName;
import io.useringest.storage.KeyOrder;
import io.useringest.users.UserRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Pure: decides one user's row and published image from every file the source holds for
 * that user and what is stored now. The same function serves incremental runs and full
 * rebuilds, which is what makes them equal.
 */
public final class UserResolver {

    /** The latest last-modified wins; ties go to the greater key. */
    static final Comparator<LedgerEntry> PRECEDENCE = Comparator
        .<LedgerEntry>comparingLong(e -> e.entry().lastModified())
        .thenComparing(e -> e.entry().displayKey(), KeyOrder.COMPARATOR);

    private final String outputBucket;

    private final String imagesPrefix;

    public UserResolver(String outputBucket, String imagesPrefix) {
        this.outputBucket = outputBucket;
        this.imagesPrefix = imagesPrefix;
    }

    public String outputKey(String userId, String extension) {
        return imagesPrefix + userId + "." + extension;
    }

    /**
     * As {@link #resolve(String, List, UserRow, PublishedImage, RowSources)} for a row
     * whose sources were not recorded.
     */
    public UserDecision resolve(String userId, List<LedgerEntry> files, @Nullable UserRow current,
            @Nullable PublishedImage published) {
        return resolve(userId, files, current, published, RowSources.UNRECORDED);
    }

    /**
     * The user's decision. A row whose values stay but whose CSV or image is now another
     * file is an UPDATE, so its lineage names the file it comes from.
     */
    public UserDecision resolve(String userId, List<LedgerEntry> files, @Nullable UserRow current,
            @Nullable PublishedImage published, RowSources currentSources) {
        List<LedgerEntry> csvs = files.stream().filter(e -> e.entry().kind() == FileKind.CSV).toList();
        List<LedgerEntry> images = files.stream().filter(e -> e.entry().kind() == FileKind.IMAGE).toList();
        List<String> warnings = new ArrayList<>();
        if (csvs.isEmpty()) {
            if (current == null) {
                return UserDecision.none(userId, warnings, !images.isEmpty());
            }
            String unpublish = published == null ? null : published.outputKey();
            return UserDecision.delete(userId, unpublish, warnings, currentSources);
        }
        LedgerEntry csv = winner(userId, "CSV files", csvs, warnings);
        if (csv.entry().rejected()) {
            // The contract: a user whose CSV became invalid keeps the last valid row
            // (and its image) until it is fixed.
            return UserDecision.keep(userId, current, warnings, currentSources);
        }
        LedgerEntry image = images.isEmpty() ? null : winner(userId, "images", images, warnings);
        PublishedImage publish = null;
        String contentType = null;
        String unpublish = null;
        String imgPath;
        SourceKey imageKey;
        if (image == null) {
            imgPath = null;
            imageKey = null;
            unpublish = published == null ? null : published.outputKey();
        }
        else if (image.entry().rejected()) {
            imgPath = current == null ? null : current.imgPath();
            imageKey = imgPath == null ? null : currentSources.image();
        }
        else {
            String extension = image.entry().extension();
            PublishedImage wanted = new PublishedImage(image.entry().objectKey(), image.entry().entryName(),
                    image.readRun(), outputKey(userId, extension));
            imgPath = outputBucket + "/" + wanted.outputKey();
            imageKey = key(image);
            if (!wanted.equals(published)) {
                publish = wanted;
                contentType = SourceName.contentType(extension);
                if (published != null && !published.outputKey().equals(wanted.outputKey())) {
                    unpublish = published.outputKey();
                }
            }
        }
        var content = csv.entry().user();
        UserRow row = new UserRow(userId, content.firstName(), content.lastName(), content.birthts(), imgPath);
        RowSources sources = new RowSources(key(csv), imageKey);
        boolean moved = currentSources.csv() != null && !currentSources.equals(sources);
        UserDecision.RowChange change = current == null ? UserDecision.RowChange.INSERT
                : Objects.equals(current, row) && !moved ? UserDecision.RowChange.UNCHANGED
                        : UserDecision.RowChange.UPDATE;
        return UserDecision.write(userId, change, row, publish, contentType, unpublish, warnings, sources);
    }

    private static SourceKey key(LedgerEntry file) {
        return new SourceKey(file.entry().objectKey(), file.entry().entryName());
    }

    private static LedgerEntry winner(String userId, String what, List<LedgerEntry> candidates, List<String> warnings) {
        LedgerEntry winner = candidates.stream().max(PRECEDENCE).orElseThrow();
        if (candidates.size() > 1) {
            List<String> keys = candidates.stream()
                .map(e -> e.entry().displayKey())
                .sorted(KeyOrder.COMPARATOR)
                .toList();
            warnings.add("user " + userId + " has " + candidates.size() + " " + what + " (" + String.join(", ", keys)
                    + "); using " + winner.entry().displayKey() + ", the most recently modified");
        }
        return winner;
    }

}
