package io.useringest.admin;

import io.useringest.users.ImageLinks;
import io.useringest.users.UserPage;
import io.useringest.users.UserQueries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * GET /admin/users: the users (search by id or name) page by page, by cursor (first,
 * previous, next), and the ages of the users shown by the search as a histogram.
 */
@Controller
class ConsoleUsersController {

    static final int SHOWN = 50;

    static final int LONGEST_SEARCH = 200;

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The console shows the images the API serves, at GET /users/{user_id}/image. */
    private static final ImageLinks API_IMAGES = userId -> ("/users/" + new String(userId, StandardCharsets.UTF_8)
            + "/image")
        .getBytes(StandardCharsets.UTF_8);

    private final UserQueries queries;

    private final Clock clock;

    ConsoleUsersController(UserQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/admin/users")
    String users(@RequestParam(required = false) String q, @RequestParam(required = false) String after,
            @RequestParam(required = false) String before, Model model) {
        LocalDate today = LocalDate.now(clock);
        String search = q == null ? "" : q.strip();
        if (search.length() > LONGEST_SEARCH) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameter 'q': longer than " + LONGEST_SEARCH + " characters");
        }
        UserPage page = queries.page(search, position(after, before), today, SHOWN, API_IMAGES);
        SortedMap<Integer, Long> ages = queries.ageCounts(search, today);
        long matching = ages.values().stream().mapToLong(Long::longValue).sum();
        model.addAttribute("q", search);
        model.addAttribute("page", page);
        model.addAttribute("shown", SHOWN);
        model.addAttribute("total", queries.counts().total());
        model.addAttribute("matching", matching);
        model.addAttribute("agesChart",
                ConsoleCharts.ages(ages, search.isEmpty() ? "Ages of all " + SvgChart.number(matching) + " users"
                        : "Ages of the " + SvgChart.number(matching) + " users matching “" + search + "”"));
        return "admin/users";
    }

    private static UserPage.Position position(String after, String before) {
        if (after != null && before != null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameters 'after' and 'before': give one of them, not both");
        }
        if (after != null) {
            return new UserPage.After(userId("after", after));
        }
        if (before != null) {
            return new UserPage.Before(userId("before", before));
        }
        return new UserPage.First();
    }

    private static String userId(String parameter, String value) {
        if (!USER_ID.matcher(value).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameter '" + parameter + "': not a user id (1-64 letters, digits, '_' or '-')");
        }
        return value;
    }

}
