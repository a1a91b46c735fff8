package io.useringest.users;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/** A user as the API shows it: the row, the age today, and where its image is served. */
@JsonSerialize(using = UserViewSerializer.class)
public record UserView(long id, String userId, String firstName, String lastName, long birthts, LocalDate birthdate,
        int age, @Nullable String imgPath, @Nullable String imageUrl) {
}
