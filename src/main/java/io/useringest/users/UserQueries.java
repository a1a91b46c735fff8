package io.useringest.users;

import io.useringest.db.Database;
import io.useringest.db.DatabaseDialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The read side of the users table: filtered, ordered, streamed rows and one-statement
 * statistics.
 */
public class UserQueries {

    private static final String COLUMNS = "id, user_id, first_name, last_name, birthts, birthdate, img_path";

    private final Database db;

    public UserQueries(Database db) {
        this.db = db;
    }

    /** The WHERE clause of a filter and its arguments. */
    private record Where(String sql, List<Object> args) {
    }

    /**
     * The filter over users read in user_id order (see
     * {@link DatabaseDialect#birthdateInUserIdOrder}).
     */
    private Where usersWhere(UserFilter filter, LocalDate today, String after) {
        return where(filter, today, after, db.dialect().birthdateInUserIdOrder(), "img_path IS NOT NULL",
                "img_path IS NULL");
    }

    private Where where(UserFilter filter, LocalDate today, String after, String birthdate, String withImage,
            String withoutImage) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.imageExists() != null) {
            conditions.add(filter.imageExists() ? withImage : withoutImage);
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
    public void forEachMatching(UserFilter filter, LocalDate today, String after, Integer limit,
            Consumer<UserView> consumer) {
        Where where = usersWhere(filter, today, after);
        List<Object> args = new ArrayList<>(where.args());
        String sql = "SELECT " + COLUMNS + " FROM users" + where.sql() + " ORDER BY user_id" + collate();
        if (limit != null) {
            sql += " LIMIT ?";
            args.add(limit);
        }
        db.stream(sql, rows -> consumer.accept(view(rows, today)), args.toArray());
    }

    public Optional<UserView> find(String userId, LocalDate today) {
        return db.jdbc()
            .query("SELECT " + COLUMNS + " FROM users WHERE user_id = ?", (rows, n) -> view(rows, today), userId)
            .stream()
            .findFirst();
    }

    /**
     * One aggregate statement over {@code birthdate_counts} (users per birth date and
     * image presence, kept by triggers), so it reads one row per distinct birth date
     * instead of one per user. A full-year age is the difference of the years, less one
     * while this year's birthday is still to come (equal to Period's years, which
     * UserFilterTest checks day by day), so the sum of ages is
     * {@code count × this year − Σ birth years − (users whose birthday is still
     * to come this year)}, all in integers; the youngest and oldest ages are those of the
     * latest and earliest dates.
     */
    public UserStats stats(UserFilter filter, LocalDate today) {
        Where where = where(filter, today, null, "birthdate", "has_image", "NOT has_image");
        List<Object> args = new ArrayList<>();
        args.add(today.getMonthValue() * 100 + today.getDayOfMonth());
        args.addAll(where.args());
        String birthtsSum = db.dialect().sumOfLarge("birthts_sum");
        return db.jdbc()
            .queryForObject("SELECT SUM(users), SUM(users * birth_year), "
                    + "SUM(CASE WHEN month_day > ? THEN users ELSE 0 END), MIN(birthdate), MAX(birthdate), "
                    + birthtsSum + " FROM birthdate_counts" + where.sql(), (rows, n) -> {
                        long count = rows.getLong(1);
                        Map<String, Object> filters = echo(filter);
                        if (count == 0) {
                            return new UserStats(0, null, null, null, null, filters, "Filter returned no objects");
                        }
                        long ageSum = count * today.getYear() - rows.getLong(2) - rows.getLong(3);
                        LocalDate earliest = db.localDate(rows, 4);
                        LocalDate latest = db.localDate(rows, 5);
                        return new UserStats(count,
                                BigDecimal.valueOf(ageSum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP),
                                UserFilter.age(latest, today), UserFilter.age(earliest, today),
                                Math.round(rows.getDouble(6) / count), filters, null);
                    }, args.toArray());
    }

    private static Map<String, Object> echo(UserFilter filter) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("is_image_exists", filter.imageExists());
        filters.put("min_age", filter.minAge());
        filters.put("max_age", filter.maxAge());
        return filters;
    }

    private String collate() {
        return db.dialect().keyOrder();
    }

    private UserView view(ResultSet rows, LocalDate today) throws SQLException {
        String userId = rows.getString(2);
        LocalDate birthdate = db.localDate(rows, 6);
        String imgPath = rows.getString(7);
        return new UserView(rows.getLong(1), userId, rows.getString(3), rows.getString(4), rows.getLong(5), birthdate,
                UserFilter.age(birthdate, today), imgPath, imgPath == null ? null : "/users/" + userId + "/image");
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
     * Users whose id or first or last name contains {@code text} (ignoring case), in
     * user_id order, at most {@code limit}: the console's search. It scans the table,
     * which at a million users takes well under a second.
     */
    public List<UserView> search(String text, LocalDate today, int limit) {
        String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
        return db.jdbc()
            .query("SELECT " + COLUMNS
                    + " FROM users WHERE lower(user_id) LIKE ? ESCAPE '\\' OR lower(first_name) LIKE ? "
                    + "ESCAPE '\\' OR lower(last_name) LIKE ? ESCAPE '\\' ORDER BY user_id" + db.dialect().keyOrder()
                    + " LIMIT ?", (rows, n) -> view(rows, today), like, like, like, limit);
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
