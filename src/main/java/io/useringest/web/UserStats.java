package io.useringest.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.useringest.users.StatsFigures;
import io.useringest.users.UserFilter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GET /stats: figures over the users matching the filters, the filters as understood; all
 * figures null (and a message) when none match.
 */
public record UserStats(long count, @Nullable BigDecimal averageAge, @Nullable Integer youngestAge,
        @Nullable Integer oldestAge, @Nullable Long averageBirthts, Map<String, @Nullable Object> filters,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String message) {

    static final String NO_MATCH = "Filter returned no objects";

    static UserStats of(StatsFigures figures, UserFilter filter) {
        Map<String, @Nullable Object> filters = new LinkedHashMap<>();
        filters.put("is_image_exists", filter.imageExists());
        filters.put("min_age", filter.minAge());
        filters.put("max_age", filter.maxAge());
        return new UserStats(figures.count(), figures.averageAge(), figures.youngestAge(), figures.oldestAge(),
                figures.averageBirthts(), filters, figures.count() == 0 ? NO_MATCH : null);
    }

}
