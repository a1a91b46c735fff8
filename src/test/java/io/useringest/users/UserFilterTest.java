package io.useringest.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The birthdate ranges the database filters on agree with java.time.Period's full years.
 */
class UserFilterTest {

    private static boolean matches(UserFilter filter, LocalDate birthdate, LocalDate today) {
        boolean min = filter.bornOnOrBefore(today).map(latest -> !birthdate.isAfter(latest)).orElse(true);
        boolean max = filter.bornAfter(today).map(birthdate::isAfter).orElse(true);
        return min && max;
    }

    @ParameterizedTest(name = "born {0}, today {1}: {2} years")
    @CsvSource({ "2000-11-22, 2026-11-22, 26", // birthday today
            "2000-11-23, 2026-11-22, 25", // birthday tomorrow
            "2000-11-21, 2026-11-22, 26", // birthday yesterday
            "2000-02-29, 2025-02-28, 24", // leap-day birthday, common year: not yet on
                                          // the 28th
            "2000-02-29, 2025-03-01, 25", // ... a year older on 1 March
            "2000-02-29, 2024-02-29, 24", // leap year: on the day
            "2000-02-29, 2024-02-28, 23", "1960-06-15, 2026-06-14, 65", // born before
                                                                        // 1970 (negative
                                                                        // timestamp)
            "1800-01-01, 2026-11-22, 226", })
    void boundariesAgreeWithPeriod(LocalDate birthdate, LocalDate today, int years) {
        assertThat(UserFilter.age(birthdate, today)).isEqualTo(years);
        for (int age = Math.max(0, years - 2); age <= years + 2; age++) {
            assertThat(matches(new UserFilter(null, age, null), birthdate, today)).as("min_age=%d", age)
                .isEqualTo(years >= age);
            assertThat(matches(new UserFilter(null, null, age), birthdate, today)).as("max_age=%d", age)
                .isEqualTo(years <= age);
        }
    }

    @Test
    void everyDayOfEightYearsAgainstEveryDayOfTheLeapCycle() {
        LocalDate firstBirth = LocalDate.of(1995, 12, 20);
        for (LocalDate today = LocalDate.of(2023, 12, 25); today
            .isBefore(LocalDate.of(2028, 3, 5)); today = today.plusDays(7)) {
            for (LocalDate birth = firstBirth; birth.isBefore(LocalDate.of(2004, 3, 5)); birth = birth.plusDays(1)) {
                int years = UserFilter.age(birth, today);
                for (int age = years - 1; age <= years + 1; age++) {
                    assertThat(matches(new UserFilter(null, age, null), birth, today)).isEqualTo(years >= age);
                    assertThat(matches(new UserFilter(null, null, age), birth, today)).isEqualTo(years <= age);
                }
                assertThat(sqlFullYears(birth, today)).as("%s on %s", birth, today).isEqualTo(years);
            }
        }
    }

    /**
     * The rule /stats's SQL sums ages by (UserQueries.stats): the difference of the
     * years, less one when today's month and day come before the birthday's. The loop
     * above shows it equals Period's years day by day.
     */
    private static int sqlFullYears(LocalDate birthdate, LocalDate today) {
        int monthDayBirth = birthdate.getMonthValue() * 100 + birthdate.getDayOfMonth();
        int monthDayToday = today.getMonthValue() * 100 + today.getDayOfMonth();
        return today.getYear() - birthdate.getYear() - (monthDayToday < monthDayBirth ? 1 : 0);
    }

}
