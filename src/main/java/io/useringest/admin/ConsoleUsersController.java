package io.useringest.admin;

import io.useringest.users.UserFilter;
import io.useringest.users.UserQueries;
import io.useringest.users.UserView;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * GET /admin/users: the users (search by id or name) and their ages as a histogram.
 */
@Controller
class ConsoleUsersController {

    static final int SHOWN = 50;

    static final int LONGEST_SEARCH = 200;

    private final UserQueries queries;

    private final Clock clock;

    ConsoleUsersController(UserQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/admin/users")
    String users(@RequestParam(required = false) String q, Model model) {
        LocalDate today = LocalDate.now(clock);
        String search = q == null ? "" : q.strip();
        if (search.length() > LONGEST_SEARCH) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameter 'q': longer than " + LONGEST_SEARCH + " characters");
        }
        List<UserView> users;
        if (search.isEmpty()) {
            List<UserView> first = new ArrayList<>();
            queries.forEachMatching(UserFilter.NONE, today, null, SHOWN, first::add);
            users = first;
        }
        else {
            users = queries.search(search, today, SHOWN);
        }
        model.addAttribute("q", search);
        model.addAttribute("users", users);
        model.addAttribute("shown", SHOWN);
        model.addAttribute("total", queries.counts().total());
        model.addAttribute("agesChart", ConsoleCharts.ages(queries.ageCounts(today)));
        return "admin/users";
    }

}
