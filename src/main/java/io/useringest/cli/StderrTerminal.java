package io.useringest.cli;

import java.util.OptionalInt;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Whether stderr is a terminal, and how wide: the progress bar goes to stderr, so it is
 * drawn even when stdout is redirected ({@code process > report.json}), which
 * {@code System.console()} would take for "no terminal".
 */
final class StderrTerminal {

    static final int DEFAULT_WIDTH = 80;

    private StderrTerminal() {
    }

    /** The terminal's width in columns, or empty when stderr is not a terminal. */
    static OptionalInt width() {
        try {
            TerminalProvider provider = TerminalProvider.load("exec");
            if (!provider.isSystemStream(SystemStream.Error)) {
                return OptionalInt.empty();
            }
            int width = provider.systemStreamWidth(SystemStream.Error);
            return OptionalInt.of(width > 0 ? width : DEFAULT_WIDTH);
        }
        catch (Exception | LinkageError e) {
            // No way to ask (no exec provider here): a console on both ends is a
            // terminal.
            return System.console() != null ? OptionalInt.of(DEFAULT_WIDTH) : OptionalInt.empty();
        }
    }

}
