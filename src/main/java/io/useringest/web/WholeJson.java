package io.useringest.web;

import java.io.OutputStream;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON body written through a generator that is closed only when the body is whole.
 * Closing ends every open array and sends what the generator holds, so a stream that
 * failed (the database away, no connection in time) would reach the client as a shorter
 * but well-formed list, an empty one if it failed before its first row, which reads as
 * complete. Left open, nothing more is sent: before the response is committed the failure
 * is answered as a problem, after it the body is cut off mid-JSON.
 */
final class WholeJson {

    private WholeJson() {
    }

    static void write(JsonMapper json, OutputStream out, Consumer<JsonGenerator> body) {
        JsonGenerator generator = json.createGenerator(out);
        body.accept(generator);
        generator.close();
    }

}
