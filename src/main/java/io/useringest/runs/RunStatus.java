package io.useringest.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run is. */
public enum RunStatus {

    RUNNING, SUCCEEDED, FAILED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

}
