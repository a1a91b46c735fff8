package io.useringest.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GET /stats: figures over the users matching the filters; all null (and a message) when
 * none match.
 */
public record UserStats(long count, @Nullable BigDecimal averageAge, @Nullable Integer youngestAge,
        @Nullable Integer oldestAge, @Nullable Long averageBirthts, Map<String, @Nullable Object> filters,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String message) {
}
