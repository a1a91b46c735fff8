package io.useringest.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, for what it refuses before the application sees the request (a
 * target with characters HTTP does not allow unencoded, a bad %-escape): a problem+json
 * body like every other error of the API, in place of Tomcat's HTML page.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String BAD_TARGET = "the request target is not valid HTTP: characters such as space, \", |, {, }, "
            + "^, ` and control characters must be percent-encoded (e.g. %20 for a space, %7C for |), and every % "
            + "must start an escape of two hex digits (%25 for % itself)";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String detail = status == 400 ? BAD_TARGET
                : known == null ? "the request was refused" : known.getReasonPhrase().toLowerCase(Locale.ROOT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        try {
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            byte[] bytes = JSON.writeValueAsBytes(body);
            response.setContentLength(bytes.length);
            OutputStream out = response.getOutputStream();
            out.write(bytes);
            response.finishResponse();
        }
        catch (IOException | IllegalStateException e) {
            // the client is gone, or the response was already taken: nothing to tell it
        }
    }

}
