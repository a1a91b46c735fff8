package io.useringest.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Map;

/**
 * GET /stats: figures over the users matching the filters; all null (and a message) when
 * none match.
 */
public record UserStats(long count, BigDecimal averageAge, Integer youngestAge, Integer oldestAge, Long averageBirthts,
        Map<String, Object> filters, @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
}
