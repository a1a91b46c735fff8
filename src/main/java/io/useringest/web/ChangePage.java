package io.useringest.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Changes in commit order, and where to continue: {@code next} asks for the changes after
 * the last one given (or after the same seq again when there were none).
 */
public record ChangePage(List<ChangeView> changes,
        @Schema(description = "the seq to pass as after next time") long lastSeq,
        @Schema(description = "the request for the changes after these") String next) {
}
