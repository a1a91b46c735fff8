package io.useringest.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A user's kept changes, newest first, a page at a time. */
public record UserHistory(String userId, List<ChangeView> changes,
        @Schema(description = "the request for the older changes; null on the last page") @Nullable String next) {
}
