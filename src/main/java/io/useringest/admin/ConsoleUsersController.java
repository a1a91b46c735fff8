package io.useringest.admin;

import io.useringest.changes.ChangeLog;
import io.useringest.users.ImageLinks;
import io.useringest.users.UserPage;
import io.useringest.users.UserQueries;
import io.useringest.users.UserView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * GET /admin/users: the users (search by id or name) page by page, by cursor (first,
 * previous, next), and the ages of the users shown by the search as a histogram; a user's
 * own page with its lineage and history.
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

    private final ChangeLog changes;

    private final Clock clock;

    ConsoleUsersController(UserQueries queries, ChangeLog changes, Clock clock) {
        this.queries = queries;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * GET /admin/users/{id}: the user (if it still exists), where its row came from, and
     * its kept history newest first, {@value #SHOWN} changes a page (older pages by the
     * {@code before} cursor).
     */
    @GetMapping("/admin/users/{id}")
    String user(@PathVariable String id, @RequestParam(required = false) String before, Model model) {
        String userId = userId("id", id);
        long cursor = before == null ? Long.MAX_VALUE : ConsolePages.seq("before", before);
        Optional<UserView> user = queries.find(userId, LocalDate.now(clock), API_IMAGES);
        ChangeLog.Page page = changes.history(userId, cursor, SHOWN);
        if (user.isEmpty() && page.changes().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no user with user_id " + userId);
        }
        model.addAttribute("userId", userId);
        model.addAttribute("user", user.orElse(null));
        model.addAttribute("lineage", changes.lineage(userId).orElse(null));
        model.addAttribute("history", page.changes());
        model.addAttribute("olderBefore", page.continueFrom());
        model.addAttribute("newest", before == null);
        return "admin/user";
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
