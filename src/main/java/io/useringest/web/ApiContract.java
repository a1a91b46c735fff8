package io.useringest.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import io.useringest.runs.Rejection;
import io.useringest.runs.RunReport;
import io.useringest.users.UserView;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the OpenAPI document say what the API answers, in one place rather than on every
 * annotation: the bodies' property names as the JSON has them (snake_case), every
 * property {@code required} (the JSON always writes it) unless it is left out when null,
 * the ones that can be null {@code nullable} (JSpecify's {@code @Nullable} on the record
 * component), patterns anchored, string examples as strings, the optional Basic
 * requirement of reads ({@code API_READ_AUTH}), and the statuses every operation can
 * answer (405, 406, 503).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiContract {

    /** The records the API answers with, each a schema of the same simple name. */
    static final List<Class<? extends Record>> BODIES = List.of(UserView.class, UserStats.class, RunReport.class,
            Rejection.class, UserDetail.class, UserLineage.class, UserHistory.class, ChangeView.class,
            ChangePage.class);

    /**
     * Property names as Spring's JSON mapper writes them
     * (spring.jackson.property-naming-strategy).
     */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenApiCustomizer responsesAsAnswered() {
        return api -> {
            bodies(api);
            statsFilters(api);
            api.getPaths().values().forEach(path -> path.readOperationsMap().forEach(ApiContract::operation));
            api.getPaths()
                .values()
                .stream()
                .flatMap(path -> path.readOperations().stream())
                .flatMap(operation -> operation.getTags() == null ? Stream.empty() : operation.getTags().stream())
                .distinct()
                .sorted()
                .forEach(tag -> api.addTagsItem(new Tag().name(tag)));
        };
    }

    @SuppressWarnings("rawtypes")
    private static void bodies(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        for (Class<? extends Record> type : BODIES) {
            Schema<?> schema = schemas.get(type.getSimpleName());
            if (schema == null) {
                continue;
            }
            List<String> required = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                String name = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
                Schema<?> property = schema.getProperties().get(name);
                if (property == null) {
                    throw new IllegalStateException("the schema " + type.getSimpleName() + " has no property " + name);
                }
                boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
                if (omittedWhenNull(type, component)) {
                    continue;
                }
                required.add(name);
                if (nullable) {
                    property.setNullable(true);
                }
            }
            schema.setRequired(required);
        }
    }

    /** /stats echoes the three filters, each null when not given. */
    private static void statsFilters(OpenAPI api) {
        Schema<?> stats = api.getComponents().getSchemas().get(UserStats.class.getSimpleName());
        if (stats == null) {
            return;
        }
        ObjectSchema filters = new ObjectSchema();
        filters.description("the filters as applied; null where not given");
        filters.addProperty("is_image_exists", new BooleanSchema().nullable(true));
        filters.addProperty("min_age", new IntegerSchema().nullable(true));
        filters.addProperty("max_age", new IntegerSchema().nullable(true));
        filters.setRequired(List.of("is_image_exists", "min_age", "max_age"));
        stats.getProperties().put("filters", filters);
    }

    private static boolean omittedWhenNull(Class<?> type, RecordComponent component) {
        try {
            JsonInclude include = type.getDeclaredField(component.getName()).getAnnotation(JsonInclude.class);
            return include != null && include.value() == JsonInclude.Include.NON_NULL;
        }
        catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void operation(PathItem.HttpMethod method, Operation operation) {
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of()
                : operation.getParameters()) {
            Schema<?> schema = parameter.getSchema();
            if (schema != null && schema.getPattern() != null && !schema.getPattern().startsWith("^")) {
                schema.setPattern("^" + schema.getPattern() + "$");
            }
            if (schema != null && "string".equals(schema.getType()) && parameter.getExample() != null) {
                parameter.setExample(parameter.getExample().toString());
            }
        }
        if (method == PathItem.HttpMethod.GET && operation.getSecurity() == null) {
            // Reads are open unless API_READ_AUTH=true; then they take the admin's Basic
            // credentials.
            operation.setSecurity(
                    List.of(new SecurityRequirement(), new SecurityRequirement().addList(ApiDocumentation.BASIC)));
        }
        ApiResponses responses = operation.getResponses();
        responses.putIfAbsent("405", new ApiResponse().$ref(ApiDocumentation.METHOD_NOT_ALLOWED));
        responses.putIfAbsent("406", new ApiResponse().$ref(ApiDocumentation.NOT_ACCEPTABLE));
        responses.putIfAbsent("503", new ApiResponse().$ref(ApiDocumentation.UNAVAILABLE));
        responses.putIfAbsent("400", new ApiResponse().$ref(ApiDocumentation.BAD_REQUEST));
        responses.putIfAbsent("401", new ApiResponse().$ref(ApiDocumentation.UNAUTHORIZED));
        responses.putIfAbsent("429", new ApiResponse().$ref(ApiDocumentation.TOO_MANY_LOGINS));
    }

}
