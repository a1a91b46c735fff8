package io.useringest.users;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The users per birth date, with and without an image, as prefix sums: GET /stats from
 * memory. Users of age k were born in (today - (k+1) years, today - k years], so each age
 * present costs two binary searches and any filter a few hundred lookups, whatever the
 * number of users. Immutable; built from {@code birthdate_counts} in birthdate order.
 * About 24 bytes per distinct birth date and image class.
 */
public final class BirthdateSummary {

    public static final String NO_MATCH = "Filter returned no objects";

    private final Prefix withImage;

    private final Prefix withoutImage;

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

    public UserStats stats(UserFilter filter, LocalDate today) {
        long after = filter.bornAfter(today).map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE);
        long onOrBefore = filter.bornOnOrBefore(today).map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
        Prefix[] classes = filter.imageExists() == null ? new Prefix[] { withImage, withoutImage }
                : new Prefix[] { filter.imageExists() ? withImage : withoutImage };
        long count = 0;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        Int128 birthts = new Int128();
        for (Prefix prefix : classes) {
            int from = prefix.firstAfter(after);
            int to = prefix.firstAfter(onOrBefore);
            if (from < to) {
                count += prefix.users(from, to);
                earliest = Math.min(earliest, prefix.days[from]);
                latest = Math.max(latest, prefix.days[to - 1]);
                prefix.addBirthts(from, to, birthts);
            }
        }
        Map<String, Object> filters = echo(filter);
        if (count == 0) {
            return new UserStats(0, null, null, null, null, filters, NO_MATCH);
        }
        int youngest = UserFilter.age(LocalDate.ofEpochDay(latest), today);
        int oldest = UserFilter.age(LocalDate.ofEpochDay(earliest), today);
        long ageSum = 0;
        for (int age = youngest; age <= oldest; age++) {
            long bornAfter = Math.max(after, today.minusYears(age + 1L).toEpochDay());
            long bornOnOrBefore = Math.min(onOrBefore, today.minusYears(age).toEpochDay());
            for (Prefix prefix : classes) {
                ageSum += age * prefix.users(prefix.firstAfter(bornAfter), prefix.firstAfter(bornOnOrBefore));
            }
        }
        return new UserStats(count,
                BigDecimal.valueOf(ageSum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP), youngest, oldest,
                Math.round(birthts.toDouble() / count), filters, null);
    }

    static Map<String, Object> echo(UserFilter filter) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("is_image_exists", filter.imageExists());
        filters.put("min_age", filter.minAge());
        filters.put("max_age", filter.maxAge());
        return filters;
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
