package io.useringest.users;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The query filters of /data and /stats (absent ones null). Ages are full years as
 * {@link Period} counts them; the database filters on {@code birthdate} ranges derived
 * here, so the birthdate index is used.
 */
public record UserFilter(@Nullable Boolean imageExists, @Nullable Integer minAge, @Nullable Integer maxAge) {

    public static final UserFilter NONE = new UserFilter(null, null, null);

    public static int age(LocalDate birthdate, LocalDate today) {
        return Period.between(birthdate, today).getYears();
    }

    /**
     * age >= minAge exactly when birthdate <= today - minAge years (LocalDate clamps 29
     * February to the 28th).
     */
    public Optional<LocalDate> bornOnOrBefore(LocalDate today) {
        return Optional.ofNullable(minAge).map(today::minusYears);
    }

    /**
     * age <= maxAge exactly when age < maxAge + 1, that is when birthdate > today -
     * (maxAge + 1) years.
     */
    public Optional<LocalDate> bornAfter(LocalDate today) {
        return Optional.ofNullable(maxAge).map(max -> today.minusYears(max + 1L));
    }
}
