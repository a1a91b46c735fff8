package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleChartsTest {

    @Test
    void agesAreBinnedByTenYearsWithEmptyBinsKept() {
        SortedMap<Integer, Long> ages = new TreeMap<>(Map.of(3, 1L, 9, 2L, 35, 4L));
        assertThat(ConsoleCharts.binned(ages)).containsExactly(Map.entry(0, 3L), Map.entry(10, 0L), Map.entry(20, 0L),
                Map.entry(30, 4L));
    }

    @Test
    void aChartHasOneBarPerValueAndEscapesItsText() {
        String svg = SvgChart.bars("c",
                new SvgChart.Axes("Title <b>", "x", "y", SvgChart::number, SvgChart.Scale.LINEAR),
                List.of(new SvgChart.Bar("<x>", 2, "tip\"><script>"), new SvgChart.Bar("", 0, "none")), "#000");
        assertThat(svg).startsWith("<svg id=\"c\"").endsWith("</svg>");
        assertThat(svg.split("<rect ")).hasSize(3);
        assertThat(svg).doesNotContain("<script>")
            .doesNotContain("<b>")
            .doesNotContain("<x>")
            .contains("&lt;script&gt;")
            .contains("Title &lt;b&gt;");
    }

    /**
     * The y axis has round, labelled ticks up to at least the largest value, and on a
     * logarithmic scale a run 10,000 times shorter than the longest still has a visible
     * bar.
     */
    @Test
    void axesAreLabelledAndALogScaleKeepsSmallValuesVisible() {
        String linear = SvgChart.bars("l",
                new SvgChart.Axes("t", "age", "users", SvgChart::number, SvgChart.Scale.LINEAR),
                List.of(new SvgChart.Bar("0–9", 37, "a"), new SvgChart.Bar("10–19", 3, "b")), "#000");
        assertThat(linear).contains(">0</text>")
            .contains(">10</text>")
            .contains(">20</text>")
            .contains(">40</text>")
            .contains(">↑ users</text>")
            .contains(">age</text>")
            .contains(">0–9</text>");
        String log = SvgChart.bars("d",
                new SvgChart.Axes("t", "run", "duration", ConsoleTimes::duration, SvgChart.Scale.LOG),
                List.of(new SvgChart.Bar("#1", 3600, "long"), new SvgChart.Bar("#2", 0.05, "short")), "#000");
        assertThat(log).contains(">10 ms</text>")
            .contains(">1.0 s</text>")
            .contains(">10 s</text>")
            .contains(">2 h 46 min</text>");
        Matcher heights = Pattern.compile("<rect class=\"bar\"[^>]* height=\"([\\d.]+)\"").matcher(log);
        List<Double> bars = heights.results().map(m -> Double.parseDouble(m.group(1))).toList();
        assertThat(bars).hasSize(2);
        assertThat(bars.get(1)).as("the 50 ms run's bar").isGreaterThan(10);
        assertThat(bars.get(0)).isGreaterThan(bars.get(1) * 2);
    }

    @Test
    void durationsAreWrittenInTheUnitThatSuitsThem() {
        assertThat(ConsoleTimes.duration(0.045)).isEqualTo("45 ms");
        assertThat(ConsoleTimes.duration(3.24)).isEqualTo("3.2 s");
        assertThat(ConsoleTimes.duration(252)).isEqualTo("4 min 12 s");
        assertThat(ConsoleTimes.duration(7300)).isEqualTo("2 h 1 min");
    }

}
