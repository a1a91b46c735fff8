package io.useringest.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written user JSON is byte for byte what the bean serializer writes. */
class UserViewSerializerTest {

    private static final JsonMapper SERVICE = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build();

    private static final JsonMapper BEAN = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(MapperFeature.USE_ANNOTATIONS)
        .build();

    @Test
    void everyFieldAsTheBeanSerializerWritesIt() {
        List<UserView> users = List.of(
                new UserView(1, "1000", "Susan", "Lee", 612_302_400_000L, LocalDate.of(1989, 5, 27), 37,
                        "processed-data/images/1000.png", "/users/1000/image"),
                new UserView(Long.MAX_VALUE, "a_b-C", "\"quoted\" \\ </script>", "tab\tnew\nline \u0001 é 😀",
                        -5_364_662_400_000L, LocalDate.of(1800, 1, 1), 226, null, null),
                new UserView(0, "x", "", " ", 0, LocalDate.of(1970, 1, 1), 56, null, null));
        assertThat(SERVICE.writeValueAsString(users)).isEqualTo(BEAN.writeValueAsString(users))
            .contains("\"img_path\":null,\"image_url\":null");
        assertThat(SERVICE.writeValueAsString(users.get(0))).isEqualTo("{\"id\":1,\"user_id\":\"1000\","
                + "\"first_name\":\"Susan\",\"last_name\":\"Lee\",\"birthts\":612302400000,"
                + "\"birthdate\":\"1989-05-27\","
                + "\"age\":37,\"img_path\":\"processed-data/images/1000.png\",\"image_url\":\"/users/1000/image\"}");
    }

}
