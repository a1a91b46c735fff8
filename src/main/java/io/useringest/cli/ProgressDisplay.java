package io.useringest.cli;

import io.useringest.config.DaemonThreads;
import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunPhase;
import io.useringest.runs.RunReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code process} command's progress on stderr while its run goes on: on a terminal a
 * progress bar of the objects listed (against as many as the last full run listed) with
 * what was read, the users resolved and the publishing phase, its rate and elapsed time;
 * otherwise (a log, a pipe) one line every {@code every}. stdout is left to the report.
 */
final class ProgressDisplay implements AutoCloseable {

    private final ProcessingService processing;

    private final PrintStream err;

    private final ScheduledExecutorService timer = Executors
        .newSingleThreadScheduledExecutor(DaemonThreads.named("process-progress"));

    private final long started = System.nanoTime();

    private @Nullable ProgressBar bar;

    private boolean knownTotal;

    private ProgressDisplay(ProcessingService processing, PrintStream err) {
        this.processing = processing;
        this.err = err;
    }

    /**
     * Starts showing progress: a bar if stderr is a terminal (its width), else a line
     * every {@code every}; {@code expected} is how many objects the run will likely list
     * (0: unknown).
     */
    static ProgressDisplay start(ProcessingService processing, OptionalInt terminalWidth, Duration every, long expected,
            PrintStream err) {
        ProgressDisplay display = new ProgressDisplay(processing, err);
        if (terminalWidth.isPresent()) {
            display.knownTotal = expected > 0;
            // One column short of the width: a line that fills the last column wraps on
            // some terminals and the carriage return then redraws on a new line.
            display.bar = new ProgressBarBuilder().setTaskName("listed")
                .setInitialMax(expected > 0 ? expected : -1)
                .setConsumer(new ConsoleProgressBarConsumer(err, terminalWidth.getAsInt() - 1))
                .setUnit("", 1)
                .hideEta()
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
            display.timer.scheduleAtFixedRate(display::updateBar, 250, 250, TimeUnit.MILLISECONDS);
        }
        else {
            long period = Math.max(1, every.toMillis());
            display.timer.scheduleAtFixedRate(display::printLine, period, period, TimeUnit.MILLISECONDS);
        }
        return display;
    }

    /**
     * The bar counts objects listed against the last full run's; the message says the
     * phase, what was read and the users resolved.
     */
    private void updateBar() {
        ProgressBar bar = this.bar;
        if (bar == null) {
            return;
        }
        current().ifPresent(run -> {
            bar.stepTo(run.objectsListed());
            if (!knownTotal) {
                // stepTo raises the maximum to what it is given; with no total to count
                // against, the bar stays indefinite rather than claim 100%.
                bar.maxHint(-1);
            }
            bar.setExtraMessage(String.format(Locale.ROOT, "%s %,d read, %,d users", phase(RunPhase.of(run)),
                    run.objectsRead(), RunPhase.usersResolved(run)));
        });
    }

    /** The phase in a word, so the bar keeps its width at 80 columns. */
    private static String phase(RunPhase phase) {
        return switch (phase) {
            case LISTING_AND_READING -> "reading:";
            case RESOLVING_USERS -> "resolving:";
            case PUBLISHING -> "publishing:";
            case DONE -> "done:";
        };
    }

    private void printLine() {
        current().ifPresent(
                run -> err.println(line(run, RunPhase.of(run).label(), Duration.ofNanos(System.nanoTime() - started))));
    }

    /** The last line, whatever stderr is: how the run ended. */
    static String finished(RunReport run) {
        Instant end = run.finishedAt() == null ? Instant.now() : run.finishedAt();
        return line(run, run.status().value(), Duration.between(run.startedAt(), end));
    }

    /** The line printed when stderr is not a terminal. */
    static String line(RunReport run, String state, Duration elapsed) {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        return String.format(Locale.ROOT,
                "run %d %s: %,d objects listed, %,d read, %,d users resolved; %,.0f objects/s, %s elapsed", run.id(),
                state, run.objectsListed(), run.objectsRead(), RunPhase.usersResolved(run),
                run.objectsListed() / seconds, clock(elapsed));
    }

    private Optional<RunReport> current() {
        try {
            return processing.current();
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String clock(Duration elapsed) {
        long s = elapsed.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (bar != null) {
            bar.close();
        }
    }

}
