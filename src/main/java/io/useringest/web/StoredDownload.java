package io.useringest.web;

import io.useringest.storage.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * An object of the store sent as HTTP clients expect of a file: its length (also to
 * HEAD), its ETag and last-modified time from the store, 304 to a matching
 * {@code If-None-Match}, and one byte range ({@code Range: bytes=…}, so a download can
 * resume) as 206, streamed from a ranged GET.
 */
final class StoredDownload {

    private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Opens {@code length} bytes from {@code offset}. */
    interface Opener {

        InputStream open(long offset, long length);

    }

    private StoredDownload() {
    }

    static ResponseEntity<StreamingResponseBody> send(HttpServletRequest request, StoredObject object, MediaType type,
            Opener opener, HttpHeaders extra) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(extra);
        headers.setContentType(type);
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        headers.setLastModified(object.lastModified());
        Optional<String> etag = object.etag().isEmpty() ? Optional.empty() : Optional.of("\"" + object.etag() + "\"");
        etag.ifPresent(headers::setETag);
        if (etag.isPresent() && matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag.get())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        long size = object.size();
        String range = request.getHeader(HttpHeaders.RANGE);
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        boolean rangeApplies = range != null && (ifRange == null || etag.map(ifRange::equals).orElse(false));
        Matcher one = rangeApplies ? ONE_RANGE.matcher(range.strip()) : null;
        if (one == null || !one.matches() || (one.group(1).isEmpty() && one.group(2).isEmpty())) {
            // No range, or several, or a form not understood: the whole object (RFC 9110
            // allows it).
            headers.setContentLength(size);
            return ResponseEntity.ok().headers(headers).body(out -> copy(opener.open(0, size), out));
        }
        long first;
        long last;
        if (one.group(1).isEmpty()) {
            first = Math.max(0, size - Long.parseLong(one.group(2)));
            last = size - 1;
        }
        else {
            first = Long.parseLong(one.group(1));
            last = one.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(one.group(2)), size - 1);
        }
        if (first >= size || first > last) {
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            headers.setContentType(Problems.PROBLEM_JSON);
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .headers(headers)
                .body(out -> out.write(("{\"type\":\"about:blank\",\"title\":\"Range Not Satisfiable\",\"status\":416,"
                        + "\"detail\":\"the range " + range.replace("\"", "") + " is outside the " + size
                        + " bytes of the file\"}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        long length = last - first + 1;
        headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + size);
        headers.setContentLength(length);
        return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT)
            .headers(headers)
            .body(out -> copy(opener.open(first, length), out));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : List.of(ifNoneMatch.split(","))) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        try (in) {
            in.transferTo(out);
        }
    }

}
