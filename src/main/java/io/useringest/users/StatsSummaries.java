package io.useringest.users;

import io.useringest.db.Database;

/**
 * The {@link BirthdateSummary} of the users as they are now, read again from
 * {@code birthdate_counts} when the users' version has moved since.
 */
public class StatsSummaries {

    private enum Question {

        ALL_USERS

    }

    private final Database db;

    private final KeptPerVersion<Question, BirthdateSummary> kept;

    public StatsSummaries(Database db, UsersVersion version) {
        this.db = db;
        // One summary: the current version's (the weight of each is 1).
        this.kept = KeptPerVersion.upTo(version, 1, summary -> 1, summary -> {
        });
    }

    public BirthdateSummary current() {
        return kept.answer(Question.ALL_USERS, question -> read());
    }

    private BirthdateSummary read() {
        BirthdateSummary.Builder summary = new BirthdateSummary.Builder();
        String sql = "SELECT birthdate, has_image, users, birthts_sum FROM birthdate_counts "
                + "ORDER BY birthdate, has_image";
        db.jdbc().query(sql, rows -> {
            summary.add(db.localDate(rows, 1), rows.getBoolean(2), rows.getLong(3), rows.getLong(4));
        });
        return summary.build();
    }

}
