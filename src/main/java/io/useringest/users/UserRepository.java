package io.useringest.users;

import io.useringest.db.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The users table. Writes join the caller's transaction. */
public class UserRepository {

    private final Database db;

    private final UsersVersion version;

    public UserRepository(Database db, UsersVersion version) {
        this.db = db;
        this.version = version;
    }

    public static LocalDate birthdate(long birthts) {
        return Instant.ofEpochMilli(birthts).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * How many users there are, from the birthdate summary the triggers keep in the same
     * transaction: one row per distinct birth date, where COUNT(*) would walk an index of
     * every user (tens of milliseconds at a million, twice per run).
     */
    public long count() {
        return db.queryForLong("SELECT COALESCE(SUM(users), 0) FROM birthdate_counts");
    }

    /**
     * The stored rows of the run's affected users in (fromExclusive, toInclusive], by
     * user id.
     */
    public Map<String, UserRow> findAll(List<String> userIds) {
        return db.jdbc()
            .query("SELECT u.user_id, u.first_name, u.last_name, u.birthts, u.img_path FROM users u WHERE "
                    + db.dialect().isAnyOf("u.user_id"),
                    (rows, n) -> new UserRow(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5)),
                    db.dialect().textList(userIds))
            .stream()
            .collect(Collectors.toMap(UserRow::userId, u -> u));
    }

    public void upsert(List<UserRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        version.raise();
        db.jdbc()
            .batchUpdate("INSERT INTO users (user_id, first_name, last_name, birthts, birthdate, img_path) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET first_name = excluded.first_name, "
                    + "last_name = excluded.last_name, birthts = excluded.birthts, birthdate = excluded.birthdate, "
                    + "img_path = excluded.img_path",
                    rows.stream()
                        .map(u -> new Object[] { u.userId(), u.firstName(), u.lastName(), u.birthts(),
                                db.date(birthdate(u.birthts())), u.imgPath() })
                        .toList());
    }

    public void delete(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        version.raise();
        db.jdbc()
            .batchUpdate("DELETE FROM users WHERE user_id = ?",
                    userIds.stream().map(id -> new Object[] { id }).toList());
    }

    /** Every user in user_id order, streamed. */
    public void forEachOrdered(Consumer<UserRow> consumer) {
        db.stream(
                "SELECT user_id, first_name, last_name, birthts, img_path FROM users ORDER BY user_id"
                        + db.dialect().keyOrder(),
                rows -> consumer.accept(new UserRow(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getLong(4), rows.getString(5))));
    }

}
