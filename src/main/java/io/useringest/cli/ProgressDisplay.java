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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

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

    private ProgressBar bar;

    private ProgressDisplay(ProcessingService processing, PrintStream err) {
        this.processing = processing;
        this.err = err;
    }

    /**
     * Starts showing progress: a bar if {@code terminal}, else a line every
     * {@code every}; {@code expected} is how many objects the run will likely list (0:
     * unknown).
     */
    static ProgressDisplay start(ProcessingService processing, boolean terminal, Duration every, long expected,
            PrintStream err) {
        ProgressDisplay display = new ProgressDisplay(processing, err);
        if (terminal) {
            display.bar = new ProgressBarBuilder().setTaskName("listing")
                .setInitialMax(expected > 0 ? expected : -1)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUnit(" objects", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .build();
            display.timer.scheduleAtFixedRate(display::updateBar, 250, 250, TimeUnit.MILLISECONDS);
        }
        else {
            long period = Math.max(1, every.toMillis());
            display.timer.scheduleAtFixedRate(display::printLine, period, period, TimeUnit.MILLISECONDS);
        }
        return display;
    }

    private void updateBar() {
        current().ifPresent(run -> {
            if (bar.getMax() >= 0 && run.objectsListed() > bar.getMax()) {
                bar.maxHint(run.objectsListed());
            }
            bar.stepTo(run.objectsListed());
            bar.setExtraMessage(String.format(Locale.ROOT, " · %s: %,d read, %,d users resolved",
                    RunPhase.of(run).label(), run.objectsRead(), RunPhase.usersResolved(run)));
        });
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
