package io.useringest.web;

import io.useringest.users.UserFilter;
import java.util.Set;
import java.util.regex.Pattern;

/** The query filters shared by /data and /stats, read strictly. */
final class FilterParameters {

    static final Set<String> NAMES = Set.of("is_image_exists", "min_age", "max_age");

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private FilterParameters() {
    }

    static UserFilter filter(QueryParameters parameters) {
        Boolean image = parameters.bool("is_image_exists").orElse(null);
        Integer min = parameters.integer("min_age", 0, 200).orElse(null);
        Integer max = parameters.integer("max_age", 0, 200).orElse(null);
        if (min != null && max != null && min > max) {
            throw new BadParameterException("min_age", "parameter 'min_age' (" + min + ") is greater than 'max_age' ("
                    + max + "); min_age must be at most max_age");
        }
        return new UserFilter(image, min, max);
    }

    static String userId(String parameter, String value) {
        if (!USER_ID.matcher(value).matches()) {
            throw Problems.badParameter(parameter, value, "accepted: a user id (1 to 64 letters, digits, '_' or '-')");
        }
        return value;
    }

}
