package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.TestStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * docs/contract.md "Operator's console": every method but GET/HEAD needs the admin, on
 * every path. docs/contract.md "HTTP API": no request ever gets a 500 for bad input.
 * Seeded random requests over raw sockets on loopback — methods, paths, query strings,
 * headers and bodies, valid and broken — and the known reproductions; any 5xx but 501
 * fails, naming the request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HttpFuzzTests {

    private static final int REQUESTS = 2_500;

    private static final String[] METHODS = { "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "FOO", "PROPFIND" };

    private static final String[] PATHS = { "/", "/data", "/data", "/stats", "/stats", "/runs", "/runs/1", "/runs/x",
            "/runs/99999999999999999999", "/users/1000", "/users/1000/image", "/users/%3Cx%3E", "/error", "/error/x",
            "/actuator/health", "/actuator/prometheus", "/actuator", "/actuator/env", "/v3/api-docs",
            "/swagger-ui/index.html", "/swagger-ui.html", "/favicon.ico", "/nope", "/data/", "/data;x=1", "//data",
            "/data/%2e%2e/stats", "/%ff", "/data%00", "/%2F", "/users/..%2F..%2Fetc" };

    private static final String[] QUERY_PARTS = { "x=%zz", "a=%ff", "a%00=1", "=a", "&", "min_age=30", "max_age=5",
            "min_age=-1", "min_age=abc", "is_image_exists=true", "is_image_exists=maybe", "limit=0", "limit=10",
            "limit=99999999999999999999", "after=1000", "after=%3Cscript%3E", "force=true", "force=yes", "min_age",
            "min_age=", "%", "%%", "a=%e9", "a=%c3%a9", "limit=1&limit=2", "q=" + "x".repeat(3000) };

    private static final String[] ACCEPTS = { "garbage", "*/*;q=abc", "text/html;charset=utf-99", "x/y/z", "",
            "text/html", "text/csv", "application/json", "*/*", "application/xml", "text/*;q=0", "image/png",
            "text/html;q=0.5, text/csv;q=0.9", "application/problem+json", ";;;", "*/*;q=", "\u00e9t\u00e9/x" };

    private static final String[] CONTENT_TYPES = { "multipart/form-data", "application/x-www-form-urlencoded",
            "application/json", "text/plain", "garbage", "multipart/form-data; boundary=", "x/y/z;charset=utf-99" };

    private static final String[] BODIES = { "", "a=%", "a=%zz&b", "{", "{\"a\":1}", "--x\r\n\r\n", "\u0000\u0001",
            "a=" + "%ff".repeat(10) };

    private static final String[] HEADERS = { "X-Foo", "Accept-Language", "If-None-Match", "If-Modified-Since", "Range",
            "Cookie", "Origin", "Referer", "Accept-Encoding", "Authorization", "Forwarded", "X-Forwarded-For" };

    private static final String[] HEADER_VALUES = { "\u00e9t\u00e9", "\u00ff\u00fe", "bytes=abc", "bytes=999999999-",
            "Basic !!!", "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)),
            "Bearer x", "W/\"x\"", "Tue, 99 Foo 9999", "for=\"[::1]\"", "null", "gzip;q=abc", "a=b; c" };

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    static void settings(DynamicPropertyRegistry registry, String name) throws IOException {
        var dir = Files.createTempDirectory(name);
        registry.add("storage.endpoint", () -> TestStorage.server().endpoint());
        registry.add("data.dir", dir::toString);
        registry.add("source.bucket", () -> name + "-src");
        registry.add("output.bucket", () -> name + "-out");
        registry.add("admin.password", () -> "test-secret");
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    @Test
    void everyMethodButGetAndHeadOnEveryPathNeedsTheAdmin() throws IOException {
        List<String> paths = new ArrayList<>(List.of("/", "/nope", "/admin", "/admin/x", "/actuator/health"));
        mappings.getHandlerMethods()
            .forEach((info, method) -> info.getPatternValues()
                .forEach(pattern -> paths.add(pattern.replaceAll("\\{[^}]+}", "x"))));
        assertThat(paths).contains("/data", "/stats", "/runs/x", "/users/x/image");
        List<String> open = new ArrayList<>();
        for (String path : paths) {
            if (path.startsWith("/error")) {
                continue;
            }
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                if (method.equals("POST") && path.equals("/events")) {
                    continue; // the events token instead of the admin; off (404) while
                              // EVENTS_TOKEN is empty
                }
                int status = send(method + " " + path + " HTTP/1.1", List.of(), "");
                // The console (a session from its login form, not HTTP Basic) refuses a
                // request without a session by its missing CSRF token (403) or by sending
                // it to the login form (302).
                boolean console = path.equals("/admin") || path.startsWith("/admin/");
                if (console ? status != 403 && status != 302 : status != 401) {
                    open.add(method + " " + path + " answered " + status);
                }
            }
            int unknownMethod = send("FOO " + path + " HTTP/1.1", List.of(), "");
            if (unknownMethod != 400) {
                open.add("FOO " + path + " answered " + unknownMethod + ", not the firewall's 400");
            }
        }
        assertThat(open).as("state-changing requests reachable without the admin").isEmpty();
        assertThat(send("GET /admin HTTP/1.1", List.of(), "")).as("the console sends a stranger to its login form")
            .isEqualTo(302);
        assertThat(send("POST /events HTTP/1.1", List.of("Content-Type: application/json"), "{\"Records\":[]}"))
            .as("the webhook is off while EVENTS_TOKEN is empty")
            .isEqualTo(404);
    }

    @Test
    void theReportedReproductionsAreClientErrors() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            check(failures, method + " /error HTTP/1.1", List.of(), "");
        }
        for (String query : List.of("x=%zz", "a=%ff", "a%00=1", "=a")) {
            check(failures, "GET /stats?" + query + " HTTP/1.1", List.of(), "");
        }
        for (String accept : List.of("garbage", "*/*;q=abc", "text/html;charset=utf-99", "x/y/z")) {
            check(failures, "GET /data HTTP/1.1", List.of("Accept: " + accept), "");
        }
        check(failures, "GET /stats HTTP/1.1", List.of("Content-Type: multipart/form-data"), "x");
        check(failures, "PUT /data HTTP/1.1", List.of("Content-Type: application/x-www-form-urlencoded"), "a=%");
        check(failures, "GET /actuator/prometheus HTTP/1.1", List.of("Accept:"), "");
        check(failures, "GET /swagger-ui/index.html HTTP/1.1", List.of("X-Foo: \u00e9t\u00e9"), "");
        assertThat(failures).isEmpty();
    }

    /**
     * Targets Tomcat refuses while parsing, before the application sees them, are
     * answered as problems too, with a detail that says what to encode.
     */
    @Test
    void targetsTomcatRefusesAreProblemsThatSayWhatToEncode() throws IOException {
        for (String target : List.of("/da{ta", "/data?a|b", "/data?a=\"b\"", "/%ff", "/da ta", "/da\u007fta", "/%zz")) {
            Answer answer = exchange("GET " + target + " HTTP/1.1", List.of(), "");
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.contentType()).as(target).startsWith("application/problem+json");
            assertThat(answer.body()).as(target).contains("\"status\":400").contains("encode");
        }
    }

    @Test
    void seededRandomRequestsNeverGetAServerError() throws IOException {
        Random random = new Random(9_2026_11_23L);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String method = pick(random, METHODS);
            StringBuilder target = new StringBuilder(pick(random, PATHS));
            int parts = random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                target.append(p == 0 ? '?' : '&').append(pick(random, QUERY_PARTS));
            }
            List<String> headers = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                headers.add("Accept: " + pick(random, ACCEPTS));
            }
            String body = "";
            if (random.nextInt(3) == 0) {
                headers.add("Content-Type: " + pick(random, CONTENT_TYPES));
                body = pick(random, BODIES);
            }
            if (random.nextInt(3) == 0) {
                headers.add(pick(random, HEADERS) + ": " + pick(random, HEADER_VALUES));
            }
            if (random.nextInt(10) == 0) {
                headers.add("Authorization: Basic "
                        + Base64.getEncoder().encodeToString("admin:test-secret".getBytes(StandardCharsets.UTF_8)));
            }
            check(failures, method + " " + target + " HTTP/1.1", headers, body);
        }
        assertThat(failures).as("requests answered with a server error").isEmpty();
    }

    private void check(List<String> failures, String requestLine, List<String> headers, String body)
            throws IOException {
        Answer answer = exchange(requestLine, headers, body);
        int status = answer.status();
        if (status >= 500 && status != 501) {
            failures.add(status + " for " + requestLine + " " + headers + " body " + body.length() + " chars");
        }
        boolean page = requestLine.contains(" /admin") || requestLine.startsWith("HEAD ");
        if (status >= 400 && !page && !answer.contentType().startsWith("application/problem+json")) {
            failures.add(status + " as " + answer.contentType() + ", not a problem, for " + requestLine);
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    int send(String requestLine, List<String> headers, String body) throws IOException {
        return exchange(requestLine, headers, body).status();
    }

    /**
     * One request on its own connection; the bytes go out as ISO-8859-1, so non-ASCII
     * header values are raw.
     */
    Answer exchange(String requestLine, List<String> headers, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        if (content.length > 0) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String statusLine = readLine(in);
            String[] words = statusLine.split(" ");
            assertThat(words.length).as("status line for %s: %s", requestLine, statusLine).isGreaterThan(1);
            String contentType = "";
            String line;
            while (!(line = readLine(in)).isEmpty()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).strip();
                }
            }
            String rest = requestLine.startsWith("HEAD ") ? ""
                    : new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(words[1]), contentType, rest);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

}
