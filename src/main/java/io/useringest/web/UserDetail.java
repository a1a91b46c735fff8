package io.useringest.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.useringest.users.UserView;
import org.jspecify.annotations.Nullable;

/** GET /users/{user_id}: the user as /data shows it, and where its row came from. */
public record UserDetail(long id, String userId, String firstName, String lastName, long birthts,
        @Schema(format = "date") String birthdate, int age, @Nullable String imgPath, @Nullable String imageUrl,
        UserLineage lineage) {

    static UserDetail of(UserView user, UserLineage lineage) {
        return new UserDetail(user.id(), user.userId(), user.firstName(), user.lastName(), user.birthts(),
                user.birthdate().toString(), user.age(), user.imgPath(), user.imageUrl(), lineage);
    }

}
