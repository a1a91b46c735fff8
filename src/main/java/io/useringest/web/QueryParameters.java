package io.useringest.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reading of query parameters: unknown and repeated parameters are refused (a typo
 * must not silently change what a request does), and every value is checked with a
 * message that names the parameter.
 */
public final class QueryParameters {

    private final Map<String, String[]> parameters;

    private QueryParameters(Map<String, String[]> parameters) {
        this.parameters = parameters;
    }

    public static QueryParameters of(Map<String, String[]> parameters, Set<String> allowed) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (!allowed.contains(parameter.getKey())) {
                throw new BadParameterException(parameter.getKey(),
                        "unknown parameter '" + parameter.getKey() + "'; this endpoint accepts " + (allowed.isEmpty()
                                ? "no parameters" : String.join(", ", allowed.stream().sorted().toList())));
            }
            if (parameter.getValue().length > 1) {
                throw new BadParameterException(parameter.getKey(), "parameter '" + parameter.getKey() + "' is given "
                        + parameter.getValue().length + " times; give it at most once");
            }
        }
        return new QueryParameters(parameters);
    }

    public Optional<String> get(String name) {
        String[] values = parameters.get(name);
        return values == null ? Optional.empty() : Optional.of(values[0].trim());
    }

    public Optional<Boolean> bool(String name) {
        return get(name).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw Problems.badParameter(name, value, "accepted: true, false, 1 or 0");
        });
    }

    public Optional<Integer> integer(String name, int min, int max) {
        return longNumber(name, min, max).map(Long::intValue);
    }

    public Optional<Long> longNumber(String name, long min, long max) {
        return get(name).map(value -> {
            try {
                long number = Long.parseLong(value);
                if (number >= min && number <= max) {
                    return number;
                }
            }
            catch (NumberFormatException e) {
                // answered below
            }
            throw Problems.badParameter(name, value, "accepted: a whole number from " + min + " to " + max);
        });
    }

}
