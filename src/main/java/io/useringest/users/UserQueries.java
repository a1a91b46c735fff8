package io.useringest.users;

import io.useringest.db.Database;
import io.useringest.db.DatabaseDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import tools.jackson.core.JsonGenerator;

/**
 * The read side of the users table: filtered, ordered, streamed rows and the statistics.
 */
public class UserQueries {

    private static final String COLUMNS = "id, user_id, first_name, last_name, birthts, birthdate, img_path";

    private final Database db;

    private final StatsSummaries summaries;

    public UserQueries(Database db, StatsSummaries summaries) {
        this.db = db;
        this.summaries = summaries;
    }

    /** The WHERE clause of a filter and its arguments. */
    private record Where(String sql, List<Object> args) {
    }

    /**
     * The filter over users read in user_id order (see
     * {@link DatabaseDialect#birthdateInUserIdOrder}).
     */
    private Where usersWhere(UserFilter filter, LocalDate today, @Nullable String after) {
        String birthdate = db.dialect().birthdateInUserIdOrder();
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.imageExists() != null) {
            conditions.add(filter.imageExists() ? "img_path IS NOT NULL" : "img_path IS NULL");
        }
        filter.bornOnOrBefore(today).ifPresent(date -> {
            conditions.add(birthdate + " <= ?");
            args.add(db.date(date));
        });
        filter.bornAfter(today).ifPresent(date -> {
            conditions.add(birthdate + " > ?");
            args.add(db.date(date));
        });
        if (after != null) {
            conditions.add("user_id > ?");
            args.add(after);
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args);
    }

    /**
     * The matching users in user_id order, at most {@code limit} (null: all), streamed
     * from the database.
     */
    public void forEachMatching(UserFilter filter, LocalDate today, @Nullable String after, @Nullable Integer limit,
            ImageLinks links, Consumer<UserView> consumer) {
        eachMatching(COLUMNS, filter, today, after, limit, rows -> consumer.accept(view(rows, today, links)));
    }

    /**
     * The matching users in user_id order, at most {@code limit} (null: all), written to
     * {@code json} as a JSON array of objects as {@link UserView}s are written (see
     * {@link UserJsonRow}).
     */
    public void writeMatching(UserFilter filter, LocalDate today, @Nullable String after, @Nullable Integer limit,
            ImageLinks links, JsonGenerator json) {
        UserJsonRow row = new UserJsonRow(today, links, json);
        json.writeStartArray();
        eachMatching(UserJsonRow.columns(db.dialect()), filter, today, after, limit, row::write);
        json.writeEndArray();
    }

    /**
     * Hands each matching row to {@code handler}. Without a limit the rows stream from a
     * cursor; a page (a limit of at most 10,000) is read on a plain pooled connection,
     * without the cursor's transaction (on PostgreSQL a round trip less per page), by a
     * statement kept prepared on that connection.
     */
    private void eachMatching(String columns, UserFilter filter, LocalDate today, @Nullable String after,
            @Nullable Integer limit, RowCallbackHandler handler) {
        Where where = usersWhere(filter, today, after);
        List<Object> args = new ArrayList<>(where.args());
        String sql = "SELECT " + columns + " FROM users" + where.sql() + " ORDER BY user_id" + collate();
        if (limit == null) {
            db.stream(sql, handler, args.toArray());
        }
        else {
            args.add(limit);
            db.queryKept(sql + " LIMIT ?", handler, args.toArray());
        }
    }

    public Optional<UserView> find(String userId, LocalDate today, ImageLinks links) {
        return db.jdbc()
            .query("SELECT " + COLUMNS + " FROM users WHERE user_id = ?", (rows, n) -> view(rows, today, links), userId)
            .stream()
            .findFirst();
    }

    /**
     * The figures over the users a filter keeps, from the in-memory
     * {@link BirthdateSummary} of the users' current version: microseconds whatever the
     * number of users.
     */
    public StatsFigures stats(UserFilter filter, LocalDate today) {
        return summaries.current().stats(filter, today);
    }

    private String collate() {
        return db.dialect().keyOrder();
    }

    private UserView view(ResultSet rows, LocalDate today, ImageLinks links) throws SQLException {
        String userId = rows.getString(2);
        LocalDate birthdate = db.localDate(rows, 6);
        String imgPath = rows.getString(7);
        return new UserView(rows.getLong(1), userId, rows.getString(3), rows.getString(4), rows.getLong(5), birthdate,
                UserFilter.age(birthdate, today), imgPath, imgPath == null ? null : links.link(userId));
    }

    /** How many users there are, and how many of them have an image. */
    public record UserCounts(long total, long withImage) {

        public long withoutImage() {
            return total - withImage;
        }

    }

    /**
     * The users and those with an image, in one read of the birthdate summary (the front
     * door's and the console's figures; the same as GET /stats counts).
     */
    public UserCounts counts() {
        return db.jdbc()
            .queryForObject(
                    "SELECT COALESCE(SUM(users), 0), COALESCE(SUM(CASE WHEN has_image THEN users ELSE 0 END), 0) "
                            + "FROM birthdate_counts",
                    (rows, n) -> new UserCounts(rows.getLong(1), rows.getLong(2)));
    }

    /**
     * A page of the users whose user id or name contains {@code search}
     * (case-insensitive; empty: every user), in user_id order, at {@code position}. A
     * search scans the table, which at a million users takes well under a second; a page
     * without one reads the user_id index.
     */
    public UserPage page(String search, UserPage.Position position, LocalDate today, int limit, ImageLinks links) {
        Where where = searchWhere(search);
        List<String> conditions = new ArrayList<>(where.sql().isEmpty() ? List.of() : List.of(where.sql()));
        List<Object> args = new ArrayList<>(where.args());
        boolean backwards = position instanceof UserPage.Before;
        if (position instanceof UserPage.After after) {
            conditions.add("user_id > ?");
            args.add(after.userId());
        }
        else if (position instanceof UserPage.Before before) {
            conditions.add("user_id < ?");
            args.add(before.userId());
        }
        args.add(limit + 1);
        List<UserView> users = new ArrayList<>(db.jdbc()
            .query("SELECT " + COLUMNS + " FROM users"
                    + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + " ORDER BY user_id"
                    + collate() + (backwards ? " DESC" : "") + " LIMIT ?", (rows, n) -> view(rows, today, links),
                    args.toArray()));
        boolean more = users.size() > limit;
        if (more) {
            users.remove(users.size() - 1);
        }
        if (backwards) {
            Collections.reverse(users);
            return new UserPage(users, more, true);
        }
        return new UserPage(users, position instanceof UserPage.After, more);
    }

    /**
     * How many of the users {@code search} finds are of each age (empty search: all
     * users, from the birthdate summary).
     */
    public SortedMap<Integer, Long> ageCounts(String search, LocalDate today) {
        if (search.isEmpty()) {
            return ageCounts(today);
        }
        Where where = searchWhere(search);
        SortedMap<Integer, Long> counts = new TreeMap<>();
        db.jdbc().query("SELECT birthdate, COUNT(*) FROM users WHERE " + where.sql() + " GROUP BY birthdate", rows -> {
            counts.merge(UserFilter.age(db.localDate(rows, 1), today), rows.getLong(2), Long::sum);
        }, where.args().toArray());
        return counts;
    }

    /** The condition of a console search, without WHERE; empty for no search. */
    private static Where searchWhere(String text) {
        if (text.isEmpty()) {
            return new Where("", List.of());
        }
        String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
        return new Where("(lower(user_id) LIKE ? ESCAPE '\\' OR lower(first_name) LIKE ? ESCAPE '\\' "
                + "OR lower(last_name) LIKE ? ESCAPE '\\')", List.of(like, like, like));
    }

    /**
     * How many users are of each age, from the birthdate summary (one row per distinct
     * birth date, not per user).
     */
    public SortedMap<Integer, Long> ageCounts(LocalDate today) {
        SortedMap<Integer, Long> counts = new TreeMap<>();
        db.jdbc().query("SELECT birthdate, SUM(users) FROM birthdate_counts GROUP BY birthdate", rows -> {
            int age = UserFilter.age(db.localDate(rows, 1), today);
            counts.merge(age, rows.getLong(2), Long::sum);
        });
        return counts;
    }

}
