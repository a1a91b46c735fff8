package io.useringest.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.springframework.web.util.HtmlUtils;

/**
 * A bar chart drawn as SVG on the server: no script, no library, works offline and under
 * the pages' Content-Security-Policy. It has a title saying what it counts, a y axis with
 * labelled ticks (linear, or logarithmic so that small values stay visible beside large
 * ones), labels under the bars (thinned so they never overlap) and an x axis title. Every
 * text is escaped.
 */
final class SvgChart {

    /** One bar: its label under the axis, its value, and its tooltip. */
    record Bar(String label, double value, String tooltip) {
    }

    /** How values map to heights. */
    enum Scale {

        LINEAR, LOG

    }

    /**
     * What the chart shows: its title, the axes' titles, how values are written, the
     * scale.
     */
    record Axes(String title, String xTitle, String yTitle, DoubleFunction<String> format, Scale scale) {
    }

    private static final int WIDTH = 720;

    private static final int HEIGHT = 220;

    private static final int LEFT = 64;

    private static final int BOTTOM = 40;

    private static final int TOP = 44;

    private static final double WIDEST_BAR = 48;

    private static final int MOST_LABELS = 12;

    private SvgChart() {
    }

    static String bars(String id, Axes axes, List<Bar> bars, String colour) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" role=\"img\" aria-label=\"%s\" viewBox=\"0 0 %d %d\" "
                        + "xmlns=\"http://www.w3.org/2000/svg\">",
                escape(id), escape(axes.title() + ", " + axes.yTitle() + " by " + axes.xTitle()), WIDTH, HEIGHT));
        text(svg, 0, 14, 13, "start", "#222", axes.title());
        text(svg, 0, 32, 11, "start", "#555", "↑ " + axes.yTitle());
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - 8;
        int baseline = HEIGHT - BOTTOM;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        Ticks ticks = axes.scale() == Scale.LOG ? Ticks.log(bars, max) : Ticks.linear(max);
        for (double tick : ticks.values()) {
            double y = baseline - ticks.height(tick) * plotHeight;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>", LEFT, y, WIDTH - 8, y));
            text(svg, LEFT - 6, y + 4, 11, "end", "#555", axes.format().apply(tick));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", LEFT,
                baseline, WIDTH - 8, baseline));
        text(svg, LEFT + plotWidth / 2.0, HEIGHT - 4, 11, "middle", "#555", axes.xTitle());
        if (bars.isEmpty()) {
            text(svg, LEFT + 10, TOP + plotHeight / 2.0, 12, "start", "#555", "nothing yet");
        }
        double slot = bars.isEmpty() ? 0 : Math.min(WIDEST_BAR / 0.8, (double) plotWidth / bars.size());
        int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / (double) MOST_LABELS));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double height = bar.value() > 0 ? Math.max(2, ticks.height(bar.value()) * plotHeight) : 0;
            double x = LEFT + 2 + i * slot;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s</title></rect>",
                    x, baseline - height, Math.max(1, slot * 0.8), height, escape(colour), escape(bar.tooltip())));
            if (i % labelEvery == 0 || i == bars.size() - 1 && labelEvery == 1) {
                text(svg, x + slot * 0.4, baseline + 14, 10, "middle", "#555", bar.label());
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The y axis: its tick values and where a value stands, as a fraction of the plot's
     * height.
     */
    private record Ticks(List<Double> values, DoubleFunction<Double> fraction) {

        double height(double value) {
            return Math.max(0, Math.min(1, fraction.apply(value)));
        }

        /** Zero and four or five round steps up to the first tick at or above max. */
        static Ticks linear(double max) {
            double top = max <= 0 ? 1 : max;
            double raw = top / 4;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude;
            for (double nice : new double[] { 1, 2, 2.5, 5, 10 }) {
                if (nice * magnitude >= raw) {
                    step = nice * magnitude;
                    break;
                }
            }
            if (step < 1 && max >= 1) {
                step = 1;
            }
            List<Double> values = new ArrayList<>();
            double last = 0;
            for (double v = 0; v < top + step / 2; v += step) {
                values.add(v);
                last = v;
            }
            if (last < top) {
                last += step;
                values.add(last);
            }
            double end = last;
            return new Ticks(values, v -> v / end);
        }

        /** Powers of ten from below the smallest positive value to above the largest. */
        static Ticks log(List<Bar> bars, double max) {
            double min = bars.stream().mapToDouble(Bar::value).filter(v -> v > 0).min().orElse(1);
            int low = (int) Math.floor(Math.log10(min));
            int high = Math.max(low + 1, (int) Math.ceil(Math.log10(Math.max(max, min))));
            List<Double> values = new ArrayList<>();
            for (int power = low; power <= high; power++) {
                values.add(Math.pow(10, power));
            }
            // The lowest tick sits a little above the axis, so the smallest bar is seen.
            double span = high - low + 0.25;
            return new Ticks(values, v -> v <= 0 ? 0 : (Math.log10(v) - low + 0.25) / span);
        }
    }

    private static void text(StringBuilder svg, double x, double y, int size, String anchor, String colour,
            String text) {
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" fill=\"%s\">%s</text>", x, y, size,
                anchor, colour, escape(text)));
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

}
