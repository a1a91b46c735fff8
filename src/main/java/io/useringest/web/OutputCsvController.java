package io.useringest.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.useringest.publish.OutputPublisher;
import io.useringest.storage.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * GET /output.csv: the output.csv the service published, streamed from the output bucket
 * (so a user without storage credentials can download it).
 */
@RestController
class OutputCsvController {

    private final OutputPublisher publisher;

    OutputCsvController(OutputPublisher publisher) {
        this.publisher = publisher;
    }

    @Operation(summary = "Download output.csv as published to the output bucket")
    @ApiResponse(responseCode = "200", description = "output.csv",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "206", description = "the byte range asked for with Range",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", ref = ApiDocumentation.NOT_MODIFIED)
    @ApiResponse(responseCode = "416", ref = ApiDocumentation.RANGE_NOT_SATISFIABLE)
    @ApiResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @ApiResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
    @ApiResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GetMapping("/output.csv")
    ResponseEntity<StreamingResponseBody> download(HttpServletRequest request) {
        QueryParameters.of(request.getParameterMap(), Set.of());
        StoredObject csv = publisher.publishedCsv()
            .orElseThrow(() -> new NotFoundException("output.csv is not published yet: no run has completed"));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"output.csv\"");
        return StoredDownload.send(request, csv, new MediaType("text", "csv", StandardCharsets.UTF_8),
                publisher::openPublishedCsv, headers);
    }

}
