package io.useringest.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a run looked at: the whole source (a listing), or only the keys storage events
 * named.
 */
public enum RunScope {

    FULL, KEYS;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

}
