package io.useringest.admin;

import io.useringest.runs.RunReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The console's charts: run durations and objects read, and the users' ages. */
final class ConsoleCharts {

    static final int AGE_BIN = 10;

    private ConsoleCharts() {
    }

    /**
     * Finished runs, oldest first: how long each took, on a logarithmic scale so a run of
     * 50 ms stays visible beside the first run of an hour.
     */
    static String durations(List<RunReport> newestFirst) {
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (RunReport run : oldestFirst(newestFirst)) {
            double seconds = seconds(run);
            bars.add(new SvgChart.Bar("#" + run.id(), seconds, "run " + run.id() + " (" + run.trigger().value() + ", "
                    + run.status().value() + "): " + ConsoleTimes.duration(seconds)));
        }
        return SvgChart.bars("chart-durations", new SvgChart.Axes("How long the last runs took", "run",
                "duration (log scale)", ConsoleTimes::duration, SvgChart.Scale.LOG), bars, "#3b6ea5");
    }

    /**
     * Finished runs, oldest first: how many objects each read, on a logarithmic scale.
     */
    static String objectsRead(List<RunReport> newestFirst) {
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (RunReport run : oldestFirst(newestFirst)) {
            bars.add(new SvgChart.Bar("#" + run.id(), run.objectsRead(),
                    "run " + run.id() + ": " + SvgChart.number(run.objectsRead()) + " objects read"));
        }
        return SvgChart.bars(
                "chart-objects-read", new SvgChart.Axes("Objects the last runs read", "run",
                        "objects read (log scale; none: no bar)", SvgChart::number, SvgChart.Scale.LOG),
                bars, "#2f7a4a");
    }

    /**
     * Users by age in bins of ten years (the last bin open-ended), under a title that
     * says whose ages.
     */
    static String ages(SortedMap<Integer, Long> usersByAge, String title) {
        SortedMap<Integer, Long> bins = binned(usersByAge);
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (Map.Entry<Integer, Long> bin : bins.entrySet()) {
            String label = bin.getKey() + "–" + (bin.getKey() + AGE_BIN - 1);
            bars.add(new SvgChart.Bar(label, bin.getValue(),
                    "aged " + label + ": " + SvgChart.number(bin.getValue()) + " users"));
        }
        return SvgChart.bars("chart-ages",
                new SvgChart.Axes(title, "age in full years", "users", SvgChart::number, SvgChart.Scale.LINEAR), bars,
                "#a5673b");
    }

    /** Every bin from the youngest to the oldest, empty ones included. */
    static SortedMap<Integer, Long> binned(SortedMap<Integer, Long> usersByAge) {
        SortedMap<Integer, Long> bins = new TreeMap<>();
        if (usersByAge.isEmpty()) {
            return bins;
        }
        int first = Math.floorDiv(usersByAge.firstKey(), AGE_BIN) * AGE_BIN;
        int last = Math.floorDiv(usersByAge.lastKey(), AGE_BIN) * AGE_BIN;
        for (int bin = first; bin <= last; bin += AGE_BIN) {
            bins.put(bin, 0L);
        }
        usersByAge.forEach((age, users) -> bins.merge(Math.floorDiv(age, AGE_BIN) * AGE_BIN, users, Long::sum));
        return bins;
    }

    private static List<RunReport> oldestFirst(List<RunReport> newestFirst) {
        List<RunReport> finished = new ArrayList<>(newestFirst.stream().filter(r -> r.finishedAt() != null).toList());
        Collections.reverse(finished);
        return finished;
    }

    static double seconds(RunReport run) {
        return run.finishedAt() == null ? 0 : Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0;
    }

}
