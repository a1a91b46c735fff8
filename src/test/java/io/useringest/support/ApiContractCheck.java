package io.useringest.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a response of the API against the service's own OpenAPI document
 * ({@code /v3/api-docs}, read once per running service) with Atlassian's
 * swagger-request-validator: status declared, body matching its schema (property names,
 * required, nullable, types), content type declared. Every response {@link Http} receives
 * for a documented path goes through it, so a renamed field or an undeclared status fails
 * the test that met it.
 */
public final class ApiContractCheck {

    private static final Map<String, Optional<OpenApiInteractionValidator>> VALIDATORS = new ConcurrentHashMap<>();

    /** Messages that are about the request or a path the document does not cover. */
    private static final List<String> NOT_A_RESPONSE_MATTER = List.of("validation.request.",
            "validation.response.path.missing");

    private ApiContractCheck() {
    }

    /**
     * Fails with every violation when the response breaks the document; passes paths the
     * document does not describe (the console, actuator, the front door).
     */
    public static void check(HttpClient client, String base, HttpRequest request, HttpResponse<String> response) {
        String path = request.uri().getRawPath();
        if (path.startsWith("/admin") || path.startsWith("/actuator") || path.startsWith("/v3/")
                || path.startsWith("/swagger") || path.equals("/")) {
            return;
        }
        Optional<OpenApiInteractionValidator> validator = VALIDATORS.computeIfAbsent(base, b -> load(client, b));
        if (validator.isEmpty()) {
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
        ValidationReport report = validator.get()
            .validateResponse(path, Request.Method.valueOf(request.method()), answer.build());
        String violations = report.getMessages()
            .stream()
            .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
            .filter(m -> NOT_A_RESPONSE_MATTER.stream().noneMatch(m.getKey()::startsWith))
            .map(m -> m.getKey() + ": " + m.getMessage())
            .collect(Collectors.joining("\n  "));
        if (!violations.isEmpty()) {
            throw new AssertionError("the answer to " + request.method() + " " + request.uri() + " ("
                    + response.statusCode() + ") breaks the OpenAPI document:\n  " + violations + "\nbody: "
                    + abbreviate(response.body()));
        }
    }

    private static Optional<OpenApiInteractionValidator> load(HttpClient client, String base) {
        try {
            HttpResponse<String> document = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() == 401) {
                // API_READ_AUTH=true: the tests' services use this admin password
                document = client.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                    .header("Authorization", Http.basic("admin", "test-secret"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            }
            if (document.statusCode() != 200) {
                throw new AssertionError("GET /v3/api-docs answered " + document.statusCode()
                        + ": the responses of this service cannot be checked against its document");
            }
            return Optional.of(OpenApiInteractionValidator.createForInlineApiSpecification(document.body()).build());
        }
        catch (IOException e) {
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }

}
