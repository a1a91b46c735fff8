package io.useringest.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI document's frame: title, the build's version, what the service is, the
 * security schemes, and the problem responses every endpoint shares (referenced from the
 * controllers' annotations as {@code #/components/responses/<name>}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiDocumentation {

    static final String BASIC = "adminBasic";

    static final String EVENTS_TOKEN = "eventsToken";

    static final String BAD_REQUEST = "#/components/responses/BadRequest";

    static final String UNAUTHORIZED = "#/components/responses/Unauthorized";

    static final String TOO_MANY_LOGINS = "#/components/responses/TooManyLogins";

    static final String NOT_FOUND = "#/components/responses/NotFound";

    static final String GONE = "#/components/responses/Gone";

    static final String NOT_ACCEPTABLE = "#/components/responses/NotAcceptable";

    static final String UNAVAILABLE = "#/components/responses/ServiceUnavailable";

    static final String METHOD_NOT_ALLOWED = "#/components/responses/MethodNotAllowed";

    static final String NOT_MODIFIED = "#/components/responses/NotModified";

    static final String RANGE_NOT_SATISFIABLE = "#/components/responses/RangeNotSatisfiable";

    @Bean
    OpenAPI openApi(ObjectProvider<BuildProperties> build) {
        String version = build.stream().findFirst().map(BuildProperties::getVersion).orElse("development");
        return new OpenAPI()
            .info(new Info().title("user-ingest API")
                .version(version)
                .license(new License().name("see the repository"))
                .description("Keeps a SQL table of users in step with `<user_id>.csv` and `<user_id>.png` files (loose "
                        + "or in .zip archives) in an S3 bucket, publishes output.csv and the images to an output "
                        + "bucket, and answers queries over the users. Reading is open unless API_READ_AUTH=true "
                        + "(then HTTP Basic as the admin); everything that changes state needs the admin (HTTP "
                        + "Basic), except POST /events, which takes the events token. Every error is an RFC 9457 "
                        + "problem (application/problem+json) that names what was wrong."))
            .components(new Components()
                .addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("basic")
                            .description("ADMIN_USER / ADMIN_PASSWORD"))
                .addSecuritySchemes(EVENTS_TOKEN,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .description("EVENTS_TOKEN, as MinIO's webhook target sends it (auth_token)"))
                .addSchemas("Problem", problemSchema())
                .addResponses("BadRequest",
                        problem("A parameter or the body is not accepted; `detail` says which and what is accepted",
                                400,
                                "parameter 'min_age': 'abc' is not accepted; accepted: a whole number from 0 "
                                        + "to 200"))
                .addResponses("Unauthorized",
                        problem("Credentials are missing or wrong", 401,
                                "this request needs the admin's credentials (HTTP Basic)"))
                .addResponses("TooManyLogins",
                        problem("Too many failed logins from this address: Basic credentials are not checked until "
                                + "Retry-After seconds have passed", 429,
                                "too many failed logins from this address; retry in 8 s"))
                .addResponses("NotFound", problem("Nothing with that id", 404, "no user with user_id 42"))
                .addResponses("Gone", problem(
                        "The changes after that seq were pruned (CHANGES_RETENTION): re-read /data, then continue "
                                + "the feed with after=resume_after",
                        410,
                        "the changes after seq 0 up to seq 5120 are no longer kept (CHANGES_RETENTION); re-read "
                                + "/data and continue with after=5120"))
                .addResponses("NotAcceptable",
                        problem("The Accept header asks for none of the types offered", 406,
                                "accepted types: application/json, text/csv, text/html"))
                .addResponses("MethodNotAllowed",
                        problem("The path does not take this method (Allow lists those it takes)", 405,
                                "Method 'DELETE' is not supported."))
                .addResponses("NotModified",
                        new ApiResponse()
                            .description("The copy the client holds (If-None-Match: its ETag) is current; no body"))
                .addResponses("RangeNotSatisfiable",
                        problem("The Range asked for lies outside the file (Content-Range says its size)", 416,
                                "the range bytes=900-999 is outside the 512 bytes of the file"))
                .addResponses("ServiceUnavailable",
                        problem("The database cannot be reached or is busy (reads), or the run failed "
                                + "(POST /data: its report in `run`)", 503,
                                "the database cannot be reached now; retry in a few seconds")));
    }

    private static ObjectSchema problemSchema() {
        ObjectSchema schema = new ObjectSchema();
        schema.description("RFC 9457 problem details");
        schema.setRequired(List.of("title", "status", "detail"));
        schema.addProperty("type", new StringSchema().example("about:blank"));
        schema.addProperty("title", new StringSchema().example("Bad Request"));
        schema.addProperty("status", new IntegerSchema().example(400));
        schema.addProperty("detail", new StringSchema().description("what was wrong, and what is accepted"));
        schema.addProperty("instance", new StringSchema().example("/data"));
        schema.addProperty("parameter", new StringSchema().description("the parameter at fault, when one is"));
        schema.addProperty("oldest_seq", new IntegerSchema().format("int64")
            .description("410 from /changes: the oldest seq the feed still holds"));
        schema.addProperty("resume_after", new IntegerSchema().format("int64")
            .description("410 from /changes: the after to continue with once /data was re-read"));
        schema.addProperty("run", new ObjectSchema().$ref("#/components/schemas/RunReport")
            .description("POST /data: the report of the run that failed"));
        return schema;
    }

    private static ApiResponse problem(String description, int status, String detail) {
        Example example = new Example().value(Map.of("type", "about:blank", "title",
                HttpStatus.valueOf(status).getReasonPhrase(), "status", status, "detail", detail));
        return new ApiResponse().description(description)
            .content(new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new ObjectSchema().$ref("#/components/schemas/Problem"))
                        .addExamples("problem", example)));
    }

}
