package io.useringest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.useringest.runs.RunRepository;
import io.useringest.users.OutputCsvWriter;
import io.useringest.users.UserFilter;
import io.useringest.users.UserQueries;
import io.useringest.users.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /data: the matching users in user_id order as JSON (default), CSV (the output.csv
 * format) or an HTML page. JSON and CSV stream from a database cursor, so memory does not
 * grow with the number of users.
 */
@RestController
class DataController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private static final int HTML_PAGE = 100;

    private static final DateTimeFormatter LAST_UPDATE = DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    /**
     * A larger page (more than {@link JsonPages#MAX_ROWS}) of up to 64 KiB also goes out
     * in one write with a Content-Length.
     */
    private static final int PAGE_BUFFER = 64 * 1024;

    static final Set<String> PARAMETERS = new HashSet<>(FilterParameters.NAMES);

    static {
        PARAMETERS.add("limit");
        PARAMETERS.add("after");
        PARAMETERS.add("format");
    }

    /** The representations {@code format} names, for a link a browser can follow. */
    private static final Map<String, MediaType> FORMATS = Map.of("json", MediaType.APPLICATION_JSON, "csv", CSV, "html",
            MediaType.TEXT_HTML);

    private final UserQueries queries;

    private final RunRepository runs;

    private final JsonMapper json;

    private final Clock clock;

    private final ITemplateEngine templates;

    private final FullDataFile fullData;

    private final JsonPages pages;

    private final UsersEtag etag;

    DataController(UserQueries queries, RunRepository runs, JsonMapper json, Clock clock, ITemplateEngine templates,
            FullDataFile fullData, JsonPages pages, UsersEtag etag) {
        this.etag = etag;
        this.templates = templates;
        this.fullData = fullData;
        this.pages = pages;
        this.queries = queries;
        this.runs = runs;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Writes straight to the response on the request's thread: a page is small, and a
     * stream of millions of rows needs no async hand-off to stay in constant memory
     * (Tomcat sends each full buffer as a chunk).
     */
    @Operation(summary = "The users matching the filters, in user_id order",
            description = "JSON array (the default), CSV in the output.csv format with Accept: text/csv, "
                    + "or a page to browse with Accept: text/html. Without limit every matching "
                    + "user is streamed; with limit, pass the last user_id seen as after for the next page.")
    @Parameter(name = "is_image_exists", in = ParameterIn.QUERY,
            description = "only users with (true, 1) or without (false, 0) an image",
            schema = @Schema(type = "boolean"), example = "true")
    @Parameter(name = "min_age", in = ParameterIn.QUERY,
            description = "only users at least this old today, in whole years (UTC)",
            schema = @Schema(type = "integer", minimum = "0", maximum = "200"), example = "30")
    @Parameter(name = "max_age", in = ParameterIn.QUERY,
            description = "only users at most this old today, in whole years; not less than min_age",
            schema = @Schema(type = "integer", minimum = "0", maximum = "200"), example = "40")
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            description = "at most this many users (default: all; the HTML page shows 100)",
            schema = @Schema(type = "integer", minimum = "1", maximum = "10000"), example = "10")
    @Parameter(name = "after", in = ParameterIn.QUERY,
            description = "only users whose user_id sorts after this one (keyset paging)",
            schema = @Schema(type = "string", pattern = "[A-Za-z0-9_-]{1,64}"), example = "1000")
    @Parameter(name = "format", in = ParameterIn.QUERY,
            description = "the representation, whatever Accept says: for a link a browser follows",
            schema = @Schema(type = "string", allowableValues = { "json", "csv", "html" }), example = "csv")
    @ApiResponse(responseCode = "200", description = "the matching users", content = { @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = UserView.class)),
            examples = @ExampleObject("[{\"id\": 1, \"user_id\": \"1000\", \"first_name\": \"Susan\", \"last_name\": "
                    + "\"Lee\", \"birthts\": 612302400000, \"birthdate\": \"1989-05-27\", \"age\": "
                    + "37, \"img_path\": \"processed-data/images/1000.png\", \"image_url\": \"/users/1000/image\"}]")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
                    examples = @ExampleObject("user_id,first_name,last_name,birthts,img_path\r\n"
                            + "1000,Susan,Lee,612302400000,processed-data/images/1000.png\r\n")),
            @Content(mediaType = "text/html", schema = @Schema(type = "string")) })
    @ApiResponse(responseCode = "304", ref = ApiDocumentation.NOT_MODIFIED)
    @ApiResponse(responseCode = "400",
            description = "A parameter is not accepted; `detail` says which and what is accepted (the HTML page: "
                    + "the message beside its form)",
            content = {
                    @Content(mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")),
                    @Content(mediaType = "text/html", schema = @Schema(type = "string")) })
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "406", ref = ApiDocumentation.NOT_ACCEPTABLE)
    @GetMapping("/data")
    void data(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (wantsPage(request)) {
            page(request, response);
            return;
        }
        QueryParameters parameters = QueryParameters.of(request.getParameterMap(), PARAMETERS);
        UserFilter filter = FilterParameters.filter(parameters);
        Integer limit = parameters.integer("limit", 1, 10_000).orElse(null);
        String after = parameters.get("after").map(a -> FilterParameters.userId("after", a)).orElse(null);
        LocalDate today = LocalDate.now(clock);
        MediaType type = parameters.get("format")
            .map(DataController::format)
            .orElseGet(() -> negotiate(request.getHeader("Accept")));
        if (!type.equals(MediaType.TEXT_HTML) && etag.notModified(request, response, type.getSubtype())) {
            return;
        }
        if (type.equals(CSV)) {
            response.setContentType(CSV.toString());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            writeCsv(filter, today, after, limit, response.getOutputStream());
        }
        else if (filter.equals(UserFilter.NONE) && after == null && limit == null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            fullData.write(today, response.getOutputStream(), response::setContentLengthLong);
        }
        else if (limit != null && limit <= JsonPages.MAX_ROWS) {
            // One write with a Content-Length: 8 KiB chunks were a fifth of a page's
            // time.
            byte[] page = pages.page(filter, today, after, limit);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(page.length);
            response.getOutputStream().write(page);
        }
        else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            if (limit != null) {
                response.setBufferSize(PAGE_BUFFER);
            }
            WholeJson.write(json, response.getOutputStream(),
                    generator -> queries.writeMatching(filter, today, after, limit, ImageRoute.INSTANCE, generator));
        }
    }

    private static MediaType format(String name) {
        MediaType type = FORMATS.get(name);
        if (type == null) {
            throw new BadParameterException("format", "format must be json, csv or html, not \"" + name + "\"");
        }
        return type;
    }

    /**
     * JSON unless the client prefers CSV or HTML; a client that accepts none of the three
     * gets a 406 problem.
     */
    static MediaType negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        if (!ClientFaults.parses(accept)) {
            throw new NotAcceptableException("the Accept header is not a list of media types (e.g. application/json, "
                    + "text/csv;q=0.5); leave it out to get JSON");
        }
        List<MediaType> accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        MimeTypeUtils.sortBySpecificity(accepted);
        accepted.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            for (MediaType offered : List.of(MediaType.APPLICATION_JSON, CSV, MediaType.TEXT_HTML)) {
                if (type.includes(offered) && !type.isWildcardType()) {
                    return offered;
                }
            }
            if (type.isWildcardType()) {
                return MediaType.APPLICATION_JSON;
            }
        }
        throw new NotAcceptableException(
                "GET /data answers application/json, text/csv or text/html; the request accepts only " + accept);
    }

    private void writeCsv(UserFilter filter, LocalDate today, @Nullable String after, @Nullable Integer limit,
            OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        OutputCsvWriter csv = new OutputCsvWriter(writer);
        queries.forEachMatching(filter, today, after, limit, ImageRoute.INSTANCE, csv::write);
        csv.flush();
    }

    /**
     * The page's model; a page of at most {@code limit} users, with a link to the next
     * page.
     */
    /**
     * Whether the request asks for the HTML page (format=html, or a browser's Accept).
     */
    private static boolean wantsPage(HttpServletRequest request) {
        String[] format = request.getParameterValues("format");
        if (format != null) {
            return format.length == 1 && format[0].equals("html");
        }
        try {
            return negotiate(request.getHeader("Accept")).equals(MediaType.TEXT_HTML);
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The data page. A filter it cannot apply (min_age above max_age, a typo in the URL)
     * is shown as a message beside the form, with the values as given, answered 400.
     */
    private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Context page;
        try {
            QueryParameters parameters = QueryParameters.of(request.getParameterMap(), PARAMETERS);
            UserFilter filter = FilterParameters.filter(parameters);
            Integer limit = parameters.integer("limit", 1, 10_000).orElse(null);
            String after = parameters.get("after").map(a -> FilterParameters.userId("after", a)).orElse(null);
            page = page(filter, LocalDate.now(clock), after, limit == null ? HTML_PAGE : limit, parameters);
        }
        catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            page = new Context(Locale.ENGLISH);
            page.setVariable("users", List.of());
            page.setVariable("error", e.getMessage());
            page.setVariable("imageExists", first(request, "is_image_exists"));
            page.setVariable("minAge", first(request, "min_age"));
            page.setVariable("maxAge", first(request, "max_age"));
            page.setVariable("lastUpdate", lastUpdate());
        }
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        templates.process("data", page, response.getWriter());
    }

    private static String first(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    private @Nullable String lastUpdate() {
        return runs.lastSuccess().map(LAST_UPDATE::format).orElse(null);
    }

    private Context page(UserFilter filter, LocalDate today, @Nullable String after, int limit,
            QueryParameters parameters) {
        List<UserView> users = new ArrayList<>();
        queries.forEachMatching(filter, today, after, limit + 1, ImageRoute.INSTANCE, users::add);
        boolean more = users.size() > limit;
        if (more) {
            users.remove(users.size() - 1);
        }
        Context page = new Context(Locale.ENGLISH);
        page.setVariable("users", users);
        page.setVariable("total", queries.stats(filter, today).count());
        page.setVariable("imageExists", parameters.get("is_image_exists").orElse(""));
        page.setVariable("minAge", parameters.get("min_age").orElse(""));
        page.setVariable("maxAge", parameters.get("max_age").orElse(""));
        UriComponentsBuilder filters = UriComponentsBuilder.fromPath("/data");
        for (String name : List.of("is_image_exists", "min_age", "max_age")) {
            parameters.get(name).ifPresent(value -> filters.queryParam(name, value));
        }
        page.setVariable("jsonUrl", filters.cloneBuilder().queryParam("format", "json").build().encode().toUriString());
        page.setVariable("csvUrl", filters.cloneBuilder().queryParam("format", "csv").build().encode().toUriString());
        page.setVariable("paged", after != null);
        page.setVariable("firstUrl", filters.cloneBuilder().queryParam("limit", limit).build().encode().toUriString());
        page.setVariable("nextUrl",
                more ? filters.cloneBuilder()
                    .queryParam("limit", limit)
                    .queryParam("after", users.get(users.size() - 1).userId())
                    .build()
                    .encode()
                    .toUriString() : null);
        page.setVariable("lastUpdate", lastUpdate());
        page.setVariable("filtered", !filter.equals(UserFilter.NONE));
        return page;
    }

}
