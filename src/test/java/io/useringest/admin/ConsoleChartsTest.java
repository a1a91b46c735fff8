package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
        String svg = SvgChart.bars("c", "Title <b>", "",
                List.of(new SvgChart.Bar("<x>", 2, "tip\"><script>"), new SvgChart.Bar("", 0, "none")), "#000");
        assertThat(svg).startsWith("<svg id=\"c\"").endsWith("</svg>");
        assertThat(svg.split("<rect ")).hasSize(3);
        assertThat(svg).doesNotContain("<script>")
            .doesNotContain("<b>")
            .doesNotContain("<x>")
            .contains("&lt;script&gt;")
            .contains("Title &lt;b&gt;");
    }

}
