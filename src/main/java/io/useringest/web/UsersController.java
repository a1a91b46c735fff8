package io.useringest.web;

import io.useringest.users.UserImages;
import io.useringest.users.UserQueries;
import io.useringest.users.UserView;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** GET /users/{user_id} and its published image, streamed from the output bucket. */
@RestController
class UsersController {

    private final UserQueries queries;

    private final UserImages images;

    private final Clock clock;

    UsersController(UserQueries queries, UserImages images, Clock clock) {
        this.queries = queries;
        this.images = images;
        this.clock = clock;
    }

    @GetMapping("/users/{userId}")
    UserView user(@PathVariable String userId, HttpServletRequest request) {
        QueryParameters.of(request.getParameterMap(), Set.of());
        return find(userId);
    }

    @GetMapping("/users/{userId}/image")
    ResponseEntity<StreamingResponseBody> image(@PathVariable String userId, HttpServletRequest request) {
        QueryParameters.of(request.getParameterMap(), Set.of());
        UserView user = find(userId);
        if (user.imgPath() == null) {
            throw new NotFoundException("user " + userId + " has no image");
        }
        UserImages.Image image = images.find(user.imgPath())
            .orElseThrow(() -> new NotFoundException("the image of user " + userId + " is not published yet"));
        StreamingResponseBody body = out -> {
            try (InputStream in = images.open(image)) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(image.contentType()))
            .contentLength(image.size())
            .body(body);
    }

    private UserView find(String userId) {
        FilterParameters.userId("user_id", userId);
        return queries.find(userId, LocalDate.now(clock))
            .orElseThrow(() -> new NotFoundException("no user with user_id " + userId));
    }

}
