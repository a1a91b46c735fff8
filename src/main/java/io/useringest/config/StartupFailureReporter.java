package io.useringest.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a start-up failure caused by a bad setting into one line on stderr instead of a
 * stack trace.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupFailureReporter implements SpringBootExceptionReporter {

    public StartupFailureReporter(ConfigurableApplicationContext context) {
    }

    @Override
    public boolean reportException(Throwable failure) {
        InvalidSettingException setting = find(failure);
        if (setting == null) {
            return false;
        }
        report(setting);
        return true;
    }

    /** The one line a bad setting is reported as. */
    public static void report(InvalidSettingException setting) {
        System.err.println("user-ingest cannot start: " + setting.getMessage());
    }

    public static @Nullable InvalidSettingException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException e) {
                return e;
            }
            if (t instanceof PortInUseException e) {
                return new InvalidSettingException("SERVER_PORT",
                        "port " + e.getPort()
                                + " is in use (is user-ingest already running? stop it, or set SERVER_PORT "
                                + "to another port)");
            }
        }
        return null;
    }

}
