package io.useringest.web;

import io.useringest.users.UserQueries;
import io.useringest.users.UserStats;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /stats: count and age figures of the matching users, computed by one SQL aggregate.
 */
@RestController
class StatsController {

    private final UserQueries queries;

    private final Clock clock;

    StatsController(UserQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/stats")
    UserStats stats(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), FilterParameters.NAMES);
        return queries.stats(FilterParameters.filter(parameters), LocalDate.now(clock));
    }

}
