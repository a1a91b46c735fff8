package io.useringest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.useringest.users.UserImages;
import io.useringest.users.UserQueries;
import io.useringest.users.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
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

    private final UsersEtag etag;

    UsersController(UserQueries queries, UserImages images, Clock clock, UsersEtag etag) {
        this.etag = etag;
        this.queries = queries;
        this.images = images;
        this.clock = clock;
    }

    @Operation(summary = "One user")
    @Parameter(name = "userId", in = ParameterIn.PATH, description = "the user's id: the CSV's file name without .csv",
            schema = @Schema(type = "string", pattern = "[A-Za-z0-9_-]{1,64}"), example = "1000")
    @ApiResponse(responseCode = "200", description = "the user", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = UserView.class),
            examples = @ExampleObject("{\"id\": 1, \"user_id\": \"1000\", \"first_name\": \"Susan\", \"last_name\": "
                    + "\"Lee\", \"birthts\": 612302400000, \"birthdate\": \"1989-05-27\", \"age\": "
                    + "37, \"img_path\": \"processed-data/images/1000.png\", \"image_url\": \"/users/1000/image\"}")))
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "304", ref = ApiDocumentation.NOT_MODIFIED)
    @ApiResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GetMapping("/users/{userId}")
    @Nullable UserView user(@PathVariable String userId, HttpServletRequest request, HttpServletResponse response) {
        QueryParameters.of(request.getParameterMap(), Set.of());
        UserView user = find(userId);
        return etag.notModified(request, response, "json") ? null : user;
    }

    @Operation(summary = "A user's published image")
    @Parameter(name = "userId", in = ParameterIn.PATH, description = "the user's id: the CSV's file name without .csv",
            schema = @Schema(type = "string", pattern = "[A-Za-z0-9_-]{1,64}"), example = "1000")
    @ApiResponse(responseCode = "200", description = "the image",
            content = { @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
    @ApiResponse(responseCode = "206", description = "the byte range asked for with Range",
            content = { @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
    @ApiResponse(responseCode = "304", ref = ApiDocumentation.NOT_MODIFIED)
    @ApiResponse(responseCode = "416", ref = ApiDocumentation.RANGE_NOT_SATISFIABLE)
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GetMapping("/users/{userId}/image")
    ResponseEntity<StreamingResponseBody> image(@PathVariable String userId, HttpServletRequest request) {
        QueryParameters.of(request.getParameterMap(), Set.of());
        UserView user = find(userId);
        if (user.imgPath() == null) {
            throw new NotFoundException("user " + userId + " has no image");
        }
        UserImages.Image image = images.find(user.imgPath())
            .orElseThrow(() -> new NotFoundException("the image of user " + userId + " is not published yet"));
        return StoredDownload.send(request, image.object(), MediaType.parseMediaType(image.contentType()),
                (offset, length) -> images.open(image, offset, length), new HttpHeaders());
    }

    private UserView find(String userId) {
        FilterParameters.userId("user_id", userId);
        return queries.find(userId, LocalDate.now(clock), ImageRoute.INSTANCE)
            .orElseThrow(() -> new NotFoundException("no user with user_id " + userId));
    }

}
