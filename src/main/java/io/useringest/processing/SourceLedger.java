package io.useringest.processing;

import io.useringest.db.Database;
import io.useringest.db.DatabaseDialect;
import io.useringest.runs.Rejection;
import io.useringest.source.FileKind;
import io.useringest.source.ObjectContents;
import io.useringest.source.SourceEntry;
import io.useringest.source.UserCsv;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the service remembers of the source: every object it read (key, ETag, size,
 * last-modified) and the user files in it. Writes run inside the caller's transaction;
 * {@link #knownObjects()} reads a snapshot of its own.
 */
public class SourceLedger {

    private static final String ENTRY_COLUMNS = "e.object_key, e.entry_name, e.user_id, e.kind, e.last_modified, "
            + "e.read_run, e.first_name, e.last_name, e.birthts, e.image_extension, e.rejection";

    /** The users this run touched that have a row but no CSV left anywhere. */
    static final String REMOVALS_COUNT = "SELECT COUNT(*) FROM run_affected a JOIN users u ON u.user_id = a.user_id "
            + "WHERE NOT EXISTS (SELECT 1 FROM source_entries e WHERE e.user_id = a.user_id AND e.kind = 'CSV')";

    private final Database db;

    /**
     * The files rejected now, each once as key {@code k} and reason {@code r}: whole
     * objects, and the files in them (an archive's entries as
     * {@code archive.zip!/entry}); read through the partial indexes of rejected rows.
     */
    private final String rejected;

    public SourceLedger(Database db) {
        this.db = db;
        this.rejected = rejectedFiles(db.dialect());
    }

    static String rejectedFiles(DatabaseDialect dialect) {
        return "(SELECT object_key AS k, rejection AS r FROM source_objects"
                + dialect.indexedBy("source_objects_rejected") + " WHERE rejection IS NOT NULL UNION "
                + "SELECT CASE WHEN entry_name = '' THEN object_key ELSE object_key || '!/' || entry_name END, "
                + "rejection FROM source_entries" + dialect.indexedBy("source_entries_rejected")
                + " WHERE rejection IS NOT NULL) rejected";
    }

    /**
     * Every known object in S3 key order, streamed from a snapshot taken now; the caller
     * closes the iterator.
     */
    public KnownObjects knownObjects() {
        return new KnownObjects(
                db.open("SELECT object_key, etag, size, last_modified FROM source_objects ORDER BY object_key"
                        + db.dialect().keyOrder()));
    }

    /**
     * The ledger's entry for one key (the run's targeted changes compare each key with
     * its own entry only).
     */
    public Optional<KnownObject> known(String key) {
        return db.jdbc()
            .query("SELECT object_key, etag, size, last_modified FROM source_objects WHERE object_key = ?",
                    (rows, n) -> new KnownObject(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getLong(4)),
                    key)
            .stream()
            .findFirst();
    }

    /** Streams the ledger's objects; closing releases the connection. */
    public static final class KnownObjects implements Iterator<KnownObject>, AutoCloseable {

        private final Database.Cursor cursor;

        private @Nullable KnownObject next;

        KnownObjects(Database.Cursor cursor) {
            this.cursor = cursor;
            advance();
        }

        private void advance() {
            try {
                next = cursor.next() ? new KnownObject(cursor.rows().getString(1), cursor.rows().getString(2),
                        cursor.rows().getLong(3), cursor.rows().getLong(4)) : null;
            }
            catch (SQLException e) {
                throw cursor.translate(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public KnownObject next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            KnownObject current = next;
            advance();
            return current;
        }

        @Override
        public void close() {
            cursor.close();
        }

    }

    public void clearAffected() {
        db.jdbc().update(db.dialect().emptyTable("run_affected"));
    }

    /**
     * Marks the users of the objects' current entries as affected, then forgets the
     * entries.
     */
    public void forgetEntries(Collection<String> objectKeys) {
        if (objectKeys.isEmpty()) {
            return;
        }
        List<Object[]> keys = objectKeys.stream().map(k -> new Object[] { k }).toList();
        db.jdbc()
            .batchUpdate("INSERT INTO run_affected (user_id) SELECT DISTINCT user_id FROM source_entries "
                    + "WHERE object_key = ? AND user_id <> '' ON CONFLICT DO NOTHING", keys);
        db.jdbc().batchUpdate("DELETE FROM source_entries WHERE object_key = ?", keys);
    }

    public void forgetObjects(Collection<String> objectKeys) {
        forgetEntries(objectKeys);
        db.jdbc()
            .batchUpdate("DELETE FROM source_objects WHERE object_key = ?",
                    objectKeys.stream().map(k -> new Object[] { k }).toList());
    }

    /**
     * Records what new or changed objects hold. An object rejected as a whole keeps its
     * previous entries, so its users keep their last valid state; otherwise its entries
     * are replaced.
     */
    public void record(List<ObjectContents> contents, long runId) {
        if (contents.isEmpty()) {
            return;
        }
        forgetEntries(contents.stream().filter(c -> c.rejection() == null).map(c -> c.object().key()).toList());
        List<Object[]> entries = new ArrayList<>();
        List<Object[]> affected = new ArrayList<>();
        for (ObjectContents content : contents) {
            for (SourceEntry e : content.entries()) {
                UserCsv csv = e.csv();
                entries.add(new Object[] { e.objectKey(), e.entryName(), e.userId(), e.kind().name(), e.lastModified(),
                        runId, csv == null ? null : csv.firstName(), csv == null ? null : csv.lastName(),
                        csv == null ? null : csv.birthts(), e.imageExtension(), e.rejection() });
                if (!e.userId().isEmpty()) {
                    affected.add(new Object[] { e.userId() });
                }
            }
        }
        db.jdbc()
            .batchUpdate("INSERT INTO source_entries (object_key, entry_name, user_id, kind, last_modified, "
                    + "read_run, first_name, last_name, birthts, image_extension, rejection) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (object_key, entry_name) DO UPDATE SET user_id = excluded.user_id, kind = "
                    + "excluded.kind, last_modified = excluded.last_modified, read_run = excluded.read_run, "
                    + "first_name = excluded.first_name, last_name = excluded.last_name, birthts = excluded.birthts, "
                    + "image_extension = excluded.image_extension, rejection = excluded.rejection", entries);
        db.jdbc().batchUpdate("INSERT INTO run_affected (user_id) VALUES (?) ON CONFLICT DO NOTHING", affected);
        db.jdbc()
            .batchUpdate("INSERT INTO source_objects (object_key, etag, size, last_modified, rejection) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (object_key) DO UPDATE SET etag = excluded.etag, "
                    + "size = excluded.size, last_modified = excluded.last_modified, rejection = excluded.rejection",
                    contents.stream()
                        .map(c -> new Object[] { c.object().key(), c.object().etag(), c.object().size(),
                                c.object().lastModified().toEpochMilli(), c.rejection() })
                        .toList());
    }

    /** The next affected user ids after {@code after} (exclusive), in order. */
    public List<String> affectedAfter(String after, int limit) {
        return db.jdbc()
            .queryForList("SELECT user_id FROM run_affected WHERE user_id > ? ORDER BY user_id LIMIT ?", String.class,
                    after, limit);
    }

    /** The user files of these users. */
    public List<LedgerEntry> entriesOf(List<String> userIds) {
        return db.jdbc()
            .query("SELECT " + ENTRY_COLUMNS + " FROM source_entries e WHERE " + db.dialect().isAnyOf("e.user_id"),
                    (rows, n) -> entry(rows), db.dialect().textList(userIds));
    }

    /**
     * How many affected users have a row but no CSV left anywhere: the users this run
     * would remove.
     */
    public long countRemovals() {
        return db.queryForLong(REMOVALS_COUNT);
    }

    /**
     * Every source file that is rejected now, objects and archive entries, at most
     * {@code limit}.
     */
    public List<Rejection> rejections(int limit) {
        return rejectionsAfter("", limit);
    }

    public long countRejections() {
        return db.queryForLong("SELECT COUNT(*) FROM " + rejected);
    }

    /**
     * The files rejected now (loose objects, and archive entries as
     * {@code archive.zip!/entry}), in key order after {@code after} (empty: from the
     * first), at most {@code limit}.
     */
    public List<Rejection> rejectionsAfter(String after, int limit) {
        String collate = db.dialect().keyOrder();
        return db.jdbc()
            .query("SELECT k, r FROM " + rejected + " WHERE k" + collate + " > ? ORDER BY k" + collate + " LIMIT ?",
                    (rows, n) -> new Rejection(rows.getString(1), rows.getString(2)), after, limit);
    }

    private static LedgerEntry entry(ResultSet rows) throws SQLException {
        String firstName = rows.getString(7);
        UserCsv csv = firstName == null ? null : new UserCsv(firstName, rows.getString(8), rows.getLong(9));
        SourceEntry entry = new SourceEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                FileKind.valueOf(rows.getString(4)), rows.getLong(5), csv, rows.getString(10), rows.getString(11));
        return new LedgerEntry(entry, rows.getLong(6));
    }

}
