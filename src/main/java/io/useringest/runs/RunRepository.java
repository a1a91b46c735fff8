package io.useringest.runs;

import io.useringest.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run records. Each write is its own short transaction, so a run's record outlives
 * the run's rollback.
 */
public class RunRepository {

    private static final String COLUMNS = "id, trigger, scope, forced, status, started_at, finished_at, "
            + "objects_listed, objects_read, objects_ignored, orphan_images, users_added, users_updated, "
            + "users_removed, users_unchanged, users_total, rejected, warnings, error, committed, output_pending";

    private final Database db;

    private final JsonMapper json = JsonMapper.builder().build();

    public RunRepository(Database db) {
        this.db = db;
    }

    public long start(RunTrigger trigger, RunScope scope, boolean forced, Instant startedAt) {
        return db.queryForLong(
                "INSERT INTO runs (trigger, scope, forced, status, started_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                trigger.value(), scope.value(), forced, RunStatus.RUNNING.value(), startedAt.toString());
    }

    public void finish(RunReport report) {
        db.jdbc()
            .update("UPDATE runs SET status = ?, finished_at = ?, objects_listed = ?, objects_read = ?, "
                    + "objects_ignored = ?, orphan_images = ?, users_added = ?, users_updated = ?, users_removed = ?, "
                    + "users_unchanged = ?, users_total = ?, rejected = ?, warnings = ?, error = ?, committed = ?, "
                    + "output_pending = ? WHERE id = ?", report.status().value(),
                    Objects.requireNonNull(report.finishedAt(), "a run ends with its end time").toString(),
                    report.objectsListed(), report.objectsRead(), report.objectsIgnored(), report.orphanImages(),
                    report.usersAdded(), report.usersUpdated(), report.usersRemoved(), report.usersUnchanged(),
                    report.usersTotal(), json.writeValueAsString(report.rejected()),
                    json.writeValueAsString(report.warnings()), report.error(), report.committed(),
                    report.outputPending(), report.id());
    }

    /**
     * Writes a running run's counters so every instance sharing the database shows them;
     * a run already finished is left alone, so a late progress write never overwrites its
     * report.
     */
    public void progress(RunReport live) {
        db.jdbc()
            .update("UPDATE runs SET objects_listed = ?, objects_read = ?, objects_ignored = ?, orphan_images = ?, "
                    + "users_added = ?, users_updated = ?, users_removed = ?, users_unchanged = ?, users_total = ?, "
                    + "committed = ? WHERE id = ? AND status = ?", live.objectsListed(), live.objectsRead(),
                    live.objectsIgnored(), live.orphanImages(), live.usersAdded(), live.usersUpdated(),
                    live.usersRemoved(), live.usersUnchanged(), live.usersTotal(), live.committed(), live.id(),
                    RunStatus.RUNNING.value());
    }

    /**
     * Marks runs left 'running' by a process that died; called while holding the run
     * lock, so none is live.
     */
    public int failInterrupted(Instant now) {
        return db.jdbc()
            .update("UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE status = ?", RunStatus.FAILED.value(),
                    now.toString(), "interrupted: the service stopped during this run; a later run completed its work",
                    RunStatus.RUNNING.value());
    }

    public Optional<RunReport> find(long id) {
        return db.jdbc()
            .query("SELECT " + COLUMNS + " FROM runs WHERE id = ?", (rows, n) -> report(rows), id)
            .stream()
            .findFirst();
    }

    public List<RunReport> latest(int limit) {
        return db.jdbc()
            .query("SELECT " + COLUMNS + " FROM runs ORDER BY id DESC LIMIT ?", (rows, n) -> report(rows), limit);
    }

    /** A page of the history, newest first. */
    public List<RunReport> page(int offset, int limit) {
        return db.jdbc()
            .query("SELECT " + COLUMNS + " FROM runs ORDER BY id DESC LIMIT ? OFFSET ?", (rows, n) -> report(rows),
                    limit, offset);
    }

    /**
     * How many objects the last succeeded full run listed (0 if none): what a full run
     * expects to list.
     */
    public long lastFullListing() {
        return db.jdbc()
            .queryForList("SELECT objects_listed FROM runs WHERE scope = ? AND status = ? ORDER BY id DESC LIMIT 1",
                    Long.class, RunScope.FULL.value(), RunStatus.SUCCEEDED.value())
            .stream()
            .findFirst()
            .orElse(0L);
    }

    public long count() {
        return db.queryForLong("SELECT COUNT(*) FROM runs");
    }

    public Optional<Instant> lastSuccess() {
        return db.jdbc()
            .queryForList("SELECT finished_at FROM runs WHERE status = ? ORDER BY id DESC LIMIT 1", String.class,
                    RunStatus.SUCCEEDED.value())
            .stream()
            .findFirst()
            .map(Instant::parse);
    }

    private RunReport report(ResultSet rows) throws SQLException {
        String finished = rows.getString(7);
        return new RunReport(rows.getLong(1), RunTrigger.valueOf(rows.getString(2).toUpperCase(Locale.ROOT)),
                RunScope.valueOf(rows.getString(3).toUpperCase(Locale.ROOT)), rows.getBoolean(4),
                RunStatus.valueOf(rows.getString(5).toUpperCase(Locale.ROOT)), Instant.parse(rows.getString(6)),
                finished == null ? null : Instant.parse(finished), rows.getLong(8), rows.getLong(9), rows.getLong(10),
                rows.getLong(11), rows.getLong(12), rows.getLong(13), rows.getLong(14), rows.getLong(15),
                rows.getLong(16), json.readValue(rows.getString(17), new TypeReference<List<Rejection>>() {
                }), json.readValue(rows.getString(18), new TypeReference<List<String>>() {
                }), rows.getString(19), rows.getBoolean(20), rows.getLong(21));
    }

}
