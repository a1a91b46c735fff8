package io.useringest.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.useringest.config.Settings;
import io.useringest.db.DatabaseDialect;
import io.useringest.runs.RunRepository;
import io.useringest.users.UserQueries;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * GET /: what this instance serves and where to go from here, as a page, or as links for
 * {@code Accept: application/json}. Never shows a password or a key.
 */
@Controller
@Hidden
class FrontDoorController {

    /** A link with what it is for. */
    record Link(String title, String href) {
    }

    /** The front door as data: the same for the page and for JSON. */
    record FrontDoor(String source, String output, String database, long users, long usersWithImage,
            long usersWithoutImage, @Nullable Instant lastUpdate, Map<String, Link> links, List<Link> exampleQueries) {
    }

    private final Settings settings;

    private final UserQueries queries;

    private final RunRepository runs;

    FrontDoorController(Settings settings, UserQueries queries, RunRepository runs) {
        this.settings = settings;
        this.queries = queries;
        this.runs = runs;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String page(Model model) {
        model.addAttribute("door", frontDoor());
        return "index";
    }

    @GetMapping(path = "/", produces = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    @ResponseBody
    FrontDoor json() {
        return frontDoor();
    }

    FrontDoor frontDoor() {
        UserQueries.UserCounts users = queries.counts();
        Map<String, Link> links = new LinkedHashMap<>();
        links.put("data", new Link("The users, as a page to browse (JSON or CSV with an Accept header)", "/data"));
        links.put("stats", new Link("Figures over the users", "/stats"));
        links.put("runs", new Link("The processing runs, newest first", "/runs"));
        links.put("output_csv", new Link("Download output.csv as published to the output bucket", "/output.csv"));
        links.put("console", new Link("The operator's console (admin login)", "/admin"));
        links.put("api_docs", new Link("The API, documented (Swagger UI)", "/swagger-ui.html"));
        links.put("openapi", new Link("The OpenAPI document", "/v3/api-docs"));
        links.put("health", new Link("Health of the service, storage, database and output", "/actuator/health"));
        List<Link> examples = List.of(new Link("Users with an image", "/data?is_image_exists=true"),
                new Link("Users aged 30 to 40", "/data?min_age=30&max_age=40"),
                new Link("The first 10 users", "/data?limit=10"),
                new Link("Figures over users without an image", "/stats?is_image_exists=false"),
                new Link("Figures over users aged 18 to 30", "/stats?min_age=18&max_age=30"),
                new Link("The last 5 runs", "/runs?limit=5"));
        return new FrontDoor(settings.sourceBucket() + "/" + settings.sourcePrefix(),
                settings.outputBucket() + "/" + settings.outputCsvKey(),
                DatabaseDialect.of(settings.databaseUrl()).name().toLowerCase(Locale.ROOT), users.total(),
                users.withImage(), users.withoutImage(), runs.lastSuccess().orElse(null), links, examples);
    }

}
