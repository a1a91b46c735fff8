package io.useringest.users;

import java.time.LocalDate;

/**
 * Full years between two dates by the rule the SQL of /stats uses: the difference of the years, less one when
 * the month and day of today come before those of the birthday. Equal to {@link java.time.Period} years
 * (a 29 February birthday counts on 1 March in common years); UserFilterTest checks that day by day.
 */
public final class UserAges {

    private UserAges() {
    }

    public static int fullYears(LocalDate birthdate, LocalDate today) {
        int monthDayBirth = birthdate.getMonthValue() * 100 + birthdate.getDayOfMonth();
        int monthDayToday = today.getMonthValue() * 100 + today.getDayOfMonth();
        return today.getYear() - birthdate.getYear() - (monthDayToday < monthDayBirth ? 1 : 0);
    }
}
