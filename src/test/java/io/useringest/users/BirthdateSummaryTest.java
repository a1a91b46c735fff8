package io.useringest.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The in-memory /stats against a user-by-user computation with java.time.Period ages, for
 * every filter combination on many days (leap days, birthdays, the first and last day of
 * a year).
 */
class BirthdateSummaryTest {

    private record User(LocalDate birthdate, long birthts, boolean image) {
    }

    private static final List<Boolean> IMAGE = Arrays.asList(null, true, false);

    private static final List<Integer> AGES = Arrays.asList(null, 0, 1, 17, 18, 24, 25, 26, 40, 99, 200);

    @Test
    void everyFilterOnManyDaysAgreesWithPeriodUserByUser() {
        Random random = new Random(7);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            LocalDate birthdate = LocalDate.of(1900, 1, 1).plusDays(random.nextInt(125 * 365));
            users.add(new User(birthdate, birthdate.toEpochDay() * 86_400_000L + random.nextInt(86_400_000),
                    random.nextInt(10) < 7));
        }
        // Leap-day births and births on the days around the chosen "today"s.
        for (String date : List.of("2000-02-29", "2004-02-29", "1999-02-28", "2001-03-01", "2000-12-31", "2001-01-01",
                "2001-11-23", "2001-11-22", "2001-11-24")) {
            LocalDate birthdate = LocalDate.parse(date);
            users.add(new User(birthdate, birthdate.toEpochDay() * 86_400_000L, true));
            users.add(new User(birthdate, birthdate.toEpochDay() * 86_400_000L + 1, false));
        }
        for (String day : List.of("2026-11-23", "2025-02-28", "2025-03-01", "2024-02-29", "2024-02-28", "2026-01-01",
                "2026-12-31")) {
            LocalDate today = LocalDate.parse(day);
            // No one is born after today: a birthts in the future is rejected.
            List<User> born = users.stream().filter(u -> !u.birthdate().isAfter(today)).toList();
            BirthdateSummary summary = summaryOf(born);
            for (Boolean image : IMAGE) {
                for (Integer min : AGES) {
                    for (Integer max : AGES) {
                        if (min != null && max != null && min > max) {
                            continue;
                        }
                        UserFilter filter = new UserFilter(image, min, max);
                        assertThat(summary.stats(filter, today)).as("%s on %s", filter, today)
                            .isEqualTo(expected(born, filter, today));
                    }
                }
            }
        }
    }

    @Test
    void birthtsSumsBeyondALongAreAveraged() {
        // 3,000,000 users born in 2100 and after: their birthts add up to more than a
        // long
        // holds (each row's sum, like the table's, fits).
        long birthts = LocalDate.of(2100, 1, 1).toEpochDay() * 86_400_000L;
        BirthdateSummary.Builder later = new BirthdateSummary.Builder();
        BirthdateSummary.Builder earlier = new BirthdateSummary.Builder();
        BigInteger laterSum = BigInteger.ZERO;
        for (int i = 0; i < 3_000; i++) {
            later.add(LocalDate.of(2100, 1, 1).plusDays(i), true, 1_000, (birthts + i * 86_400_000L) * 1_000);
            earlier.add(LocalDate.of(1800, 1, 1).plusDays(i), false, 1_000, -(birthts + i * 86_400_000L) * 1_000);
            laterSum = laterSum.add(BigInteger.valueOf(birthts + i * 86_400_000L).multiply(BigInteger.valueOf(1_000)));
        }
        assertThat(laterSum.bitLength()).as("the sum needs more than a long").isGreaterThan(63);
        long average = laterSum.divide(BigInteger.valueOf(3_000_000)).longValueExact();
        LocalDate today = LocalDate.of(2200, 1, 1);
        assertThat(later.build().stats(UserFilter.NONE, today).averageBirthts()).isEqualTo(average);
        assertThat(earlier.build().stats(UserFilter.NONE, today).averageBirthts()).isEqualTo(-average);
    }

    @Test
    void noUsersIsACountOfZeroWithoutFigures() {
        StatsFigures stats = new BirthdateSummary.Builder().build()
            .stats(new UserFilter(true, 30, null), LocalDate.of(2026, 11, 23));
        assertThat(stats).isEqualTo(new StatsFigures(0, null, null, null, null));
    }

    private static BirthdateSummary summaryOf(List<User> users) {
        record Key(LocalDate birthdate, boolean image) {
        }
        Map<Key, long[]> rows = new TreeMap<>((a, b) -> a.birthdate().equals(b.birthdate())
                ? Boolean.compare(a.image(), b.image()) : a.birthdate().compareTo(b.birthdate()));
        for (User user : users) {
            long[] row = rows.computeIfAbsent(new Key(user.birthdate(), user.image()), k -> new long[2]);
            row[0]++;
            row[1] += user.birthts();
        }
        BirthdateSummary.Builder builder = new BirthdateSummary.Builder();
        rows.forEach((key, row) -> builder.add(key.birthdate(), key.image(), row[0], row[1]));
        return builder.build();
    }

    private static StatsFigures expected(List<User> users, UserFilter filter, LocalDate today) {
        List<User> matching = users.stream()
            .filter(u -> filter.imageExists() == null || u.image() == filter.imageExists())
            .filter(u -> filter.minAge() == null || UserFilter.age(u.birthdate(), today) >= filter.minAge())
            .filter(u -> filter.maxAge() == null || UserFilter.age(u.birthdate(), today) <= filter.maxAge())
            .collect(Collectors.toList());
        if (matching.isEmpty()) {
            return new StatsFigures(0, null, null, null, null);
        }
        long ageSum = matching.stream().mapToLong(u -> UserFilter.age(u.birthdate(), today)).sum();
        BigInteger birthts = matching.stream()
            .map(u -> BigInteger.valueOf(u.birthts()))
            .reduce(BigInteger.ZERO, BigInteger::add);
        return new StatsFigures(matching.size(),
                BigDecimal.valueOf(ageSum).divide(BigDecimal.valueOf(matching.size()), 2, RoundingMode.HALF_UP),
                matching.stream().mapToInt(u -> UserFilter.age(u.birthdate(), today)).min().orElseThrow(),
                matching.stream().mapToInt(u -> UserFilter.age(u.birthdate(), today)).max().orElseThrow(),
                Math.round(birthts.doubleValue() / matching.size()));
    }

}
