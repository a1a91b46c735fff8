package io.useringest.changes;

import io.useringest.db.Database;
import io.useringest.db.NamedValues;
import io.useringest.users.UserRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The user_changes table: runs write their changes into it in their transaction; the
 * feed, a user's history and its lineage read it. Runs write one at a time (the run
 * lock), so {@code seq} order is commit order.
 *
 * <p>
 * Retention: a run first prunes the changes older than the retention, except each
 * existing user's latest (its current row's lineage). The feed is complete above the
 * <em>horizon</em>, the highest seq pruning has passed; a reader asking for changes after
 * an older seq is told it is gone.
 */
public class ChangeLog {

    private static final String HORIZON = "changes_pruned_through";

    private static final String COLUMNS = "c.seq, c.user_id, c.change, c.first_name, c.last_name, c.birthts, "
            + "c.img_path, c.csv_object, c.csv_entry, c.image_object, c.image_entry, c.run_id, c.changed_at";

    private final Database db;

    private final NamedValues state;

    private final Clock clock;

    private final Duration retention;

    public ChangeLog(Database db, NamedValues state, Clock clock, Duration retention) {
        this.db = db;
        this.state = state;
        this.clock = clock;
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    /**
     * The highest seq that pruning has passed: the feed holds every change above it (0:
     * nothing pruned yet).
     */
    public long horizon() {
        return state.get(HORIZON).map(Long::parseLong).orElse(0L);
    }

    /** The newest change's seq (0 when there is none). */
    public long lastSeq() {
        return db.queryForLong("SELECT COALESCE(MAX(seq), 0) FROM user_changes");
    }

    /**
     * Prunes what the retention no longer keeps; in a run's transaction, before it writes
     * its changes. Returns the horizon after it.
     */
    public long prune() {
        long horizon = horizon();
        long cutoff = clock.millis() - retention.toMillis();
        List<Long> firstKept = db.jdbc()
            .queryForList("SELECT seq FROM user_changes WHERE seq > ? AND changed_at >= ? ORDER BY seq LIMIT 1",
                    Long.class, horizon, cutoff);
        long upTo = firstKept.isEmpty() ? lastSeq() : firstKept.get(0) - 1;
        if (upTo <= horizon) {
            return horizon;
        }
        db.jdbc()
            .update("DELETE FROM user_changes WHERE seq > ? AND seq <= ? AND (change = 'delete' OR EXISTS "
                    + "(SELECT 1 FROM user_changes n WHERE n.user_id = user_changes.user_id "
                    + "AND n.seq > user_changes.seq))", horizon, upTo);
        state.put(HORIZON, Long.toString(upTo));
        return upTo;
    }

    /**
     * Writes a run's changes, in its transaction; a user's change older than the horizon
     * (its kept latest) goes, as this one supersedes it.
     */
    public void record(long runId, List<NewChange> changes, long horizon) {
        if (changes.isEmpty()) {
            return;
        }
        if (horizon > 0) {
            db.jdbc()
                .batchUpdate("DELETE FROM user_changes WHERE user_id = ? AND seq <= ?",
                        changes.stream().map(c -> new Object[] { c.userId(), horizon }).toList());
        }
        long at = clock.millis();
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (NewChange change : changes) {
            UserRow row = change.row();
            SourceKey csv = change.sources().csv();
            SourceKey image = change.sources().image();
            rows.add(new Object[] { change.userId(), change.kind().text(), row == null ? null : row.firstName(),
                    row == null ? null : row.lastName(), row == null ? null : row.birthts(),
                    row == null ? null : row.imgPath(), csv == null ? null : csv.objectKey(),
                    csv == null ? null : csv.entryName(), image == null ? null : image.objectKey(),
                    image == null ? null : image.entryName(), runId, at });
        }
        db.jdbc()
            .batchUpdate("INSERT INTO user_changes (user_id, change, first_name, last_name, birthts, img_path, "
                    + "csv_object, csv_entry, image_object, image_entry, run_id, changed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /**
     * The sources of each of these users' latest change (users never changed are absent).
     */
    public Map<String, RowSources> sourcesOf(List<String> userIds) {
        return db.jdbc()
            .query("SELECT c.user_id, c.csv_object, c.csv_entry, c.image_object, c.image_entry FROM user_changes c "
                    + "WHERE c.seq IN (SELECT MAX(seq) FROM user_changes WHERE " + db.dialect().isAnyOf("user_id")
                    + " GROUP BY user_id)",
                    (rows, n) -> Map.entry(rows.getString(1), new RowSources(key(rows, 2), key(rows, 4))),
                    db.dialect().textList(userIds))
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The changes after {@code after}, oldest first, narrowed to a run or a user if
     * given.
     */
    public List<UserChange> after(long after, int limit, @Nullable Long runId, @Nullable String userId) {
        List<Object> args = new ArrayList<>(List.of(after));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM user_changes c WHERE c.seq > ?");
        if (runId != null) {
            sql.append(" AND c.run_id = ?");
            args.add(runId);
        }
        if (userId != null) {
            sql.append(" AND c.user_id = ?");
            args.add(userId);
        }
        sql.append(" ORDER BY c.seq LIMIT ?");
        args.add(limit);
        return db.jdbc().query(sql.toString(), (rows, n) -> change(rows), args.toArray());
    }

    /**
     * Up to {@code limit} changes, and the seq to continue from when there are more: the
     * last one given.
     */
    public record Page(List<UserChange> changes, @Nullable Long continueFrom) {

        static Page of(List<UserChange> oneMore, int limit) {
            return oneMore.size() > limit ? new Page(oneMore.subList(0, limit), oneMore.get(limit - 1).seq())
                    : new Page(oneMore, null);
        }

    }

    /**
     * A page of the changes after {@code after}, narrowed to a run or a user if given.
     */
    public Page page(long after, int limit, @Nullable Long runId, @Nullable String userId) {
        return Page.of(after(after, limit + 1, runId, userId), limit);
    }

    /** A page of a user's changes before {@code before} (exclusive), newest first. */
    public Page history(String userId, long before, int limit) {
        return Page.of(
                db.jdbc()
                    .query("SELECT " + COLUMNS + " FROM user_changes c WHERE c.user_id = ? AND c.seq < ? "
                            + "ORDER BY c.seq DESC LIMIT ?", (rows, n) -> change(rows), userId, before, limit + 1),
                limit);
    }

    /** Where the user's current row came from; empty if the user has none. */
    public Optional<Lineage> lineage(String userId) {
        return db.jdbc()
            .query("SELECT " + COLUMNS + ", o.etag, o.size, o.last_modified FROM user_changes c "
                    + "LEFT JOIN source_objects o ON o.object_key = c.csv_object WHERE c.user_id = ? "
                    + "ORDER BY c.seq DESC LIMIT 1", (rows, n) -> {
                        UserChange change = change(rows);
                        String etag = rows.getString(14);
                        Lineage.SourceObject object = etag == null ? null : new Lineage.SourceObject(etag,
                                rows.getLong(15), Instant.ofEpochMilli(rows.getLong(16)));
                        return new Lineage(change, object);
                    }, userId)
            .stream()
            .filter(lineage -> lineage.change().kind() != ChangeKind.DELETE)
            .findFirst();
    }

    private static UserChange change(ResultSet rows) throws SQLException {
        ChangeKind kind = ChangeKind.of(rows.getString(3));
        String userId = rows.getString(2);
        UserRow row = kind == ChangeKind.DELETE ? null
                : new UserRow(userId, rows.getString(4), rows.getString(5), rows.getLong(6), rows.getString(7));
        long runId = rows.getLong(12);
        Long run = rows.wasNull() ? null : runId;
        return new UserChange(rows.getLong(1), userId, kind, row, new RowSources(key(rows, 8), key(rows, 10)), run,
                Instant.ofEpochMilli(rows.getLong(13)));
    }

    private static @Nullable SourceKey key(ResultSet rows, int column) throws SQLException {
        String object = rows.getString(column);
        return object == null ? null : new SourceKey(object, rows.getString(column + 1));
    }

}
