package io.useringest.web;

import io.useringest.config.Settings;
import io.useringest.source.SourceName;
import io.useringest.storage.ObjectStore;
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
    private final ObjectStore store;
    private final Settings settings;
    private final Clock clock;

    UsersController(UserQueries queries, ObjectStore store, Settings settings, Clock clock) {
        this.queries = queries;
        this.store = store;
        this.settings = settings;
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
        String key = user.imgPath().substring(user.imgPath().indexOf('/') + 1);
        var object = store.stat(settings.outputBucket(), key)
                .orElseThrow(() -> new NotFoundException("the image of user " + userId + " is not published yet"));
        String extension = key.substring(key.lastIndexOf('.') + 1);
        StreamingResponseBody body = out -> {
            try (InputStream in = store.read(settings.outputBucket(), key)) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(SourceName.contentType(extension)))
                .contentLength(object.size()).body(body);
    }

    private UserView find(String userId) {
        FilterParameters.userId("user_id", userId);
        return queries.find(userId, LocalDate.now(clock))
                .orElseThrow(() -> new NotFoundException("no user with user_id " + userId));
    }
}
