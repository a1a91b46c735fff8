package io.useringest.publish;

import io.useringest.db.Database;
import io.useringest.storage.StoredObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outbox of output-bucket changes: written in a run's transaction, carried out after
 * it commits, and removed as they are done, so a crash between commit and publish is
 * finished by the next run. Also records which source image is published for each user.
 */
public class PublishQueue {

    private static final String UPSERT = "INSERT INTO publish_queue (output_key, action, source_key, entry_name, "
            + "content_type) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (output_key) DO UPDATE SET action = excluded.action, "
            + "source_key = excluded.source_key, entry_name = excluded.entry_name, content_type = "
            + "excluded.content_type";

    private final Database db;

    public PublishQueue(Database db) {
        this.db = db;
    }

    public void enqueue(List<PublishTask> tasks) {
        db.jdbc()
            .batchUpdate(UPSERT,
                    tasks.stream()
                        .map(t -> new Object[] { t.outputKey(), t.action().name(), t.sourceKey(), t.entryName(),
                                t.contentType() })
                        .toList());
    }

    /**
     * Up to {@code limit} pending copies and deletes, or every pending extract from one
     * archive.
     */
    public List<PublishTask> nextBatch(int limit) {
        List<PublishTask> tasks = db.jdbc()
            .query("SELECT output_key, action, source_key, entry_name, content_type "
                    + "FROM publish_queue WHERE action <> 'EXTRACT' ORDER BY output_key LIMIT ?",
                    (rows, n) -> task(rows), limit);
        if (!tasks.isEmpty()) {
            return tasks;
        }
        List<String> archive = db.jdbc()
            .queryForList("SELECT source_key FROM publish_queue WHERE action = 'EXTRACT' ORDER BY source_key LIMIT 1",
                    String.class);
        if (archive.isEmpty()) {
            return List.of();
        }
        return db.jdbc()
            .query("SELECT output_key, action, source_key, entry_name, content_type FROM publish_queue "
                    + "WHERE action = 'EXTRACT' AND source_key = ?", (rows, n) -> task(rows), archive.get(0));
    }

    public long count() {
        return db.queryForLong("SELECT COUNT(*) FROM publish_queue");
    }

    public void done(Collection<String> outputKeys) {
        db.inTransaction(() -> db.jdbc()
            .batchUpdate("DELETE FROM publish_queue WHERE output_key = ?",
                    outputKeys.stream().map(k -> new Object[] { k }).toList()));
    }

    public Map<String, PublishedImage> published(List<String> userIds) {
        return db.jdbc()
            .query("SELECT p.user_id, p.object_key, p.entry_name, p.read_run, p.output_key "
                    + "FROM published_images p WHERE " + db.dialect().isAnyOf("p.user_id"),
                    (rows, n) -> Map.entry(rows.getString(1),
                            new PublishedImage(rows.getString(2), rows.getString(3), rows.getLong(4),
                                    rows.getString(5))),
                    db.dialect().textList(userIds))
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The ETag, size and last-modified the source ledger recorded for these objects, by
     * key; a key it does not hold is left out.
     */
    public Map<String, StoredObject> recordedSources(List<String> objectKeys) {
        return db.jdbc()
            .query("SELECT object_key, etag, size, last_modified FROM source_objects WHERE "
                    + db.dialect().isAnyOf("object_key"),
                    (rows, n) -> new StoredObject(rows.getString(1), rows.getString(2), rows.getLong(3),
                            Instant.ofEpochMilli(rows.getLong(4))),
                    db.dialect().textList(objectKeys))
            .stream()
            .collect(Collectors.toMap(StoredObject::key, o -> o, (a, b) -> a));
    }

    public void recordPublished(List<Map.Entry<String, PublishedImage>> images) {
        db.jdbc()
            .batchUpdate("INSERT INTO published_images (user_id, object_key, entry_name, read_run, output_key) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET object_key = excluded.object_key, "
                    + "entry_name = excluded.entry_name, read_run = excluded.read_run, output_key = "
                    + "excluded.output_key",
                    images.stream()
                        .map(e -> new Object[] { e.getKey(), e.getValue().objectKey(), e.getValue().entryName(),
                                e.getValue().readRun(), e.getValue().outputKey() })
                        .toList());
    }

    public void forgetPublished(Collection<String> userIds) {
        db.jdbc()
            .batchUpdate("DELETE FROM published_images WHERE user_id = ?",
                    userIds.stream().map(id -> new Object[] { id }).toList());
    }

    private static PublishTask task(ResultSet rows) throws SQLException {
        return new PublishTask(rows.getString(1), PublishTask.Action.valueOf(rows.getString(2)), rows.getString(3),
                rows.getString(4), rows.getString(5));
    }

}
