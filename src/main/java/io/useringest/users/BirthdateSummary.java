package io.useringest.users;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The users per birth date, with and without an image, as prefix sums: GET /stats from
 * memory. Once a day the users of each age are counted from them (two binary searches per
 * age and class), and then any filter is a sum over the at most 201 ages it keeps,
 * whatever the number of users. Built from {@code birthdate_counts} in birthdate order;
 * 24 bytes per row of it (a birth date and image class) and 28 per age present in a
 * class, of which there are no more than its rows and at most a few hundred.
 */
public final class BirthdateSummary {

    private final Prefix withImage;

    private final Prefix withoutImage;

    /** The users by age for the last day asked about: ages change at midnight. */
    private volatile @Nullable ByAge byAge;

    private BirthdateSummary(Prefix withImage, Prefix withoutImage) {
        this.withImage = withImage;
        this.withoutImage = withoutImage;
    }

    /**
     * Collects the rows of {@code birthdate_counts}, which must come in birthdate order.
     */
    public static final class Builder {

        private final Prefix.Builder withImage = new Prefix.Builder();

        private final Prefix.Builder withoutImage = new Prefix.Builder();

        public Builder add(LocalDate birthdate, boolean hasImage, long users, long birthtsSum) {
            (hasImage ? withImage : withoutImage).add(Math.toIntExact(birthdate.toEpochDay()), users, birthtsSum);
            return this;
        }

        public BirthdateSummary build() {
            return new BirthdateSummary(withImage.build(), withoutImage.build());
        }

    }

    /**
     * The figures over the users the filter keeps on {@code today}: a sum over the ages
     * it keeps, from the users by age, counted once per day.
     */
    public StatsFigures stats(UserFilter filter, LocalDate today) {
        ByAge ages = byAge(today);
        int lowest = filter.minAge() == null ? Integer.MIN_VALUE : filter.minAge();
        int highest = filter.maxAge() == null ? Integer.MAX_VALUE : filter.maxAge();
        UsersByAge[] classes = filter.imageExists() == null ? new UsersByAge[] { ages.withImage, ages.withoutImage }
                : new UsersByAge[] { filter.imageExists() ? ages.withImage : ages.withoutImage };
        long count = 0;
        long ageSum = 0;
        int youngest = Integer.MAX_VALUE;
        int oldest = Integer.MIN_VALUE;
        Int128 birthts = new Int128();
        for (UsersByAge group : classes) {
            for (int i = group.firstAtLeast(lowest); i < group.ages.length && group.ages[i] <= highest; i++) {
                int age = group.ages[i];
                count += group.users[i];
                ageSum += age * group.users[i];
                youngest = Math.min(youngest, age);
                oldest = Math.max(oldest, age);
                birthts.add(group.birthtsHigh[i], group.birthtsLow[i]);
            }
        }
        if (count == 0) {
            return StatsFigures.NONE;
        }
        return new StatsFigures(count,
                BigDecimal.valueOf(ageSum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP), youngest, oldest,
                Math.round(birthts.toDouble() / count));
    }

    private ByAge byAge(LocalDate today) {
        ByAge ages = byAge;
        if (ages == null || !ages.day.equals(today)) {
            ages = new ByAge(today, withImage, withoutImage);
            byAge = ages;
        }
        return ages;
    }

    /**
     * The users of each age on one day, per image class. Users of age k were born in
     * (today - (k+1) years, today - k years]: two binary searches per age and class.
     */
    private static final class ByAge {

        private final LocalDate day;

        private final UsersByAge withImage;

        private final UsersByAge withoutImage;

        ByAge(LocalDate day, Prefix withImage, Prefix withoutImage) {
            this.day = day;
            int earliest = Math.min(withImage.earliest(), withoutImage.earliest());
            int latest = Math.max(withImage.latest(), withoutImage.latest());
            // The youngest and oldest ages present (none: an empty range).
            boolean none = earliest > latest;
            int lowest = none ? 0 : UserFilter.age(LocalDate.ofEpochDay(latest), day);
            int highest = none ? -1 : UserFilter.age(LocalDate.ofEpochDay(earliest), day);
            this.withImage = new UsersByAge(withImage, day, lowest, highest);
            this.withoutImage = new UsersByAge(withoutImage, day, lowest, highest);
        }

    }

    /**
     * One image class by age: the ages that have users (ascending), their users and the
     * sum of their birthts (128 bits). No more entries than the class has birth dates.
     */
    private static final class UsersByAge {

        private final int[] ages;

        private final long[] users;

        private final long[] birthtsLow;

        private final long[] birthtsHigh;

        UsersByAge(Prefix prefix, LocalDate day, int lowest, int highest) {
            int size = Math.max(0, highest - lowest + 1);
            int[] present = new int[size];
            long[] counts = new long[size];
            long[] lows = new long[size];
            long[] highs = new long[size];
            int n = 0;
            for (int age = lowest; age <= highest; age++) {
                int from = prefix.firstAfter(day.minusYears(age + 1L).toEpochDay());
                int to = prefix.firstAfter(day.minusYears(age).toEpochDay());
                long count = prefix.users(from, to);
                if (count > 0) {
                    Int128 sum = new Int128();
                    prefix.addBirthts(from, to, sum);
                    present[n] = age;
                    counts[n] = count;
                    lows[n] = sum.low;
                    highs[n] = sum.high;
                    n++;
                }
            }
            ages = Arrays.copyOf(present, n);
            users = Arrays.copyOf(counts, n);
            birthtsLow = Arrays.copyOf(lows, n);
            birthtsHigh = Arrays.copyOf(highs, n);
        }

        /** The index of the first age that is at least {@code age}. */
        int firstAtLeast(int age) {
            int found = Arrays.binarySearch(ages, age);
            return found >= 0 ? found : -found - 1;
        }

    }

    /**
     * One image class: its distinct birth dates (epoch days, ascending) and the running
     * totals of users and of birthts before each, the birthts total in 128 bits (a low
     * long that wraps and the carries) since a million users' birthts overflow a long.
     */
    private static final class Prefix {

        private final int[] days;

        private final long[] users;

        private final long[] birthtsLow;

        private final int[] birthtsHigh;

        private Prefix(int[] days, long[] users, long[] birthtsLow, int[] birthtsHigh) {
            this.days = days;
            this.users = users;
            this.birthtsLow = birthtsLow;
            this.birthtsHigh = birthtsHigh;
        }

        /**
         * The index of the first date after {@code day}: dates [0, i) are on or before
         * it.
         */
        int firstAfter(long day) {
            if (day < Integer.MIN_VALUE || day > Integer.MAX_VALUE) {
                return day < 0 ? 0 : days.length;
            }
            int found = Arrays.binarySearch(days, (int) day);
            return found >= 0 ? found + 1 : -found - 1;
        }

        /**
         * The first birth date as an epoch day, or Integer.MAX_VALUE when there is none.
         */
        int earliest() {
            return days.length == 0 ? Integer.MAX_VALUE : days[0];
        }

        /**
         * The last birth date as an epoch day, or Integer.MIN_VALUE when there is none.
         */
        int latest() {
            return days.length == 0 ? Integer.MIN_VALUE : days[days.length - 1];
        }

        long users(int from, int to) {
            return from < to ? users[to] - users[from] : 0;
        }

        void addBirthts(int from, int to, Int128 total) {
            total.add(birthtsHigh[to], birthtsLow[to]);
            total.subtract(birthtsHigh[from], birthtsLow[from]);
        }

        static final class Builder {

            private int[] days = new int[64];

            private long[] users = new long[65];

            private long[] birthtsLow = new long[65];

            private int[] birthtsHigh = new int[65];

            private int size;

            void add(int day, long count, long birthtsSum) {
                if (size > 0 && day <= days[size - 1]) {
                    throw new IllegalArgumentException("birth dates must come in ascending order, once per class");
                }
                if (size == days.length) {
                    days = Arrays.copyOf(days, size * 2);
                    users = Arrays.copyOf(users, size * 2 + 1);
                    birthtsLow = Arrays.copyOf(birthtsLow, size * 2 + 1);
                    birthtsHigh = Arrays.copyOf(birthtsHigh, size * 2 + 1);
                }
                days[size] = day;
                users[size + 1] = users[size] + count;
                long low = birthtsLow[size] + birthtsSum;
                birthtsLow[size + 1] = low;
                birthtsHigh[size + 1] = birthtsHigh[size] + Int128.carry(birthtsLow[size], birthtsSum, low);
                size++;
            }

            Prefix build() {
                return new Prefix(Arrays.copyOf(days, size), Arrays.copyOf(users, size + 1),
                        Arrays.copyOf(birthtsLow, size + 1), Arrays.copyOf(birthtsHigh, size + 1));
            }

        }

    }

    /**
     * A signed 128-bit integer as a high int (enough for the sums here) and a low long
     * read as unsigned.
     */
    static final class Int128 {

        private long high;

        private long low;

        /**
         * What adding the signed {@code value} to {@code low} (giving {@code sum}) adds
         * to the high part: the unsigned carry, less one for a negative value's sign
         * extension.
         */
        static int carry(long low, long value, long sum) {
            int carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
            return carry - (value < 0 ? 1 : 0);
        }

        void add(long otherHigh, long otherLow) {
            long sum = low + otherLow;
            high += otherHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
            low = sum;
        }

        void subtract(long otherHigh, long otherLow) {
            long difference = low - otherLow;
            high -= otherHigh + (Long.compareUnsigned(low, otherLow) < 0 ? 1 : 0);
            low = difference;
        }

        double toDouble() {
            boolean fitsInLong = high == (low >> 63);
            if (fitsInLong) {
                return low;
            }
            double unsignedLow = (double) (low >>> 1) * 2.0 + (low & 1);
            return high * 0x1p64 + unsignedLow;
        }

    }

}
