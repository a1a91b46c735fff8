package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.useringest.users.UserFilter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Strict query parameters and /data's content negotiation: every bad request names what
 * was wrong.
 */
class QueryParametersTest {

    private static QueryParameters of(Map<String, String[]> parameters) {
        return QueryParameters.of(parameters, Set.of("is_image_exists", "min_age", "max_age", "limit"));
    }

    @Test
    void filtersAreReadFromTheirParameters() {
        UserFilter filter = FilterParameters.filter(of(Map.of("is_image_exists", new String[] { "TRUE" }, "min_age",
                new String[] { " 30 " }, "max_age", new String[] { "60" })));

        assertThat(filter).isEqualTo(new UserFilter(true, 30, 60));
        assertThat(FilterParameters.filter(of(Map.of("is_image_exists", new String[] { "0" }))).imageExists())
            .isFalse();
    }

    @Test
    void unknownRepeatedAndOutOfRangeParametersAreRefusedByName() {
        assertThatThrownBy(() -> of(Map.of("min_agee", new String[] { "3" }))).isInstanceOf(BadParameterException.class)
            .hasMessageStartingWith("unknown parameter 'min_agee'")
            .hasMessageContaining("accepts is_image_exists, limit, max_age, min_age");
        assertThatThrownBy(() -> of(Map.of("min_age", new String[] { "1", "2" })))
            .hasMessage("parameter 'min_age' is given 2 times; give it at most once");
        assertThatThrownBy(() -> FilterParameters.filter(of(Map.of("min_age", new String[] { "201" }))))
            .hasMessage("parameter 'min_age' is \"201\"; accepted: a whole number from 0 to 200");
        assertThatThrownBy(() -> FilterParameters.filter(of(Map.of("is_image_exists", new String[] { "yes" }))))
            .hasMessage("parameter 'is_image_exists' is \"yes\"; accepted: true, false, 1 or 0");
        assertThatThrownBy(() -> FilterParameters
            .filter(of(Map.of("min_age", new String[] { "50" }, "max_age", new String[] { "20" }))))
            .hasMessageStartingWith("parameter 'min_age' (50) is greater than 'max_age' (20)");
    }

    @Test
    void dataAnswersJsonCsvOrHtmlAsTheClientPrefers() {
        assertThat(DataController.negotiate(null)).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(DataController.negotiate("*/*")).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(DataController.negotiate("text/csv")).isEqualTo(DataController.CSV);
        assertThat(DataController.negotiate("text/html,application/xhtml+xml,*/*;q=0.8"))
            .isEqualTo(MediaType.TEXT_HTML);
        assertThat(DataController.negotiate("text/html;q=0.5, text/csv;q=0.9")).isEqualTo(DataController.CSV);
        assertThat(DataController.negotiate("text/*")).isEqualTo(DataController.CSV);
    }

    @Test
    void anUnusableAcceptHeaderIsA406() {
        for (String accept : new String[] { "image/png", "garbage", "*/*;q=abc", "x/y/z", "text/csv;q=0" }) {
            assertThatThrownBy(() -> DataController.negotiate(accept)).as(accept)
                .isInstanceOf(NotAcceptableException.class);
        }
    }

}
