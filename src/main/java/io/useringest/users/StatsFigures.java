package io.useringest.users;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Figures over the users a filter keeps: how many, and their ages and birthts; the
 * figures other than the count are null when none is kept.
 */
public record StatsFigures(long count, @Nullable BigDecimal averageAge, @Nullable Integer youngestAge,
        @Nullable Integer oldestAge, @Nullable Long averageBirthts) {

    static final StatsFigures NONE = new StatsFigures(0, null, null, null, null);

}
