package io.useringest.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What started a run. */
public enum RunTrigger {

    STARTUP, SCHEDULE, REQUEST, COMMAND, EVENT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

}
