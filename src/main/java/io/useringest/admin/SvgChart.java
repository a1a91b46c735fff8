package io.useringest.admin;

import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * A bar chart drawn as SVG on the server: no script, no library, works offline and under
 * the pages' Content-Security-Policy. Labels are escaped.
 */
final class SvgChart {

    /** One bar: its label under the axis (may be empty), its value, and its tooltip. */
    record Bar(String label, double value, String tooltip) {
    }

    private static final int WIDTH = 720;

    private static final int HEIGHT = 160;

    private static final int LEFT = 56;

    private static final int BOTTOM = 22;

    private static final int TOP = 18;

    private SvgChart() {
    }

    /** Bars with a title, the unit of their values, and a colour. */
    static String bars(String id, String title, String unit, List<Bar> bars, String colour) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double top = max <= 0 ? 1 : max;
        StringBuilder svg = new StringBuilder();
        svg.append(
                String
                    .format(Locale.ROOT,
                            "<svg id=\"%s\" class=\"chart\" role=\"img\" aria-label=\"%s\" viewBox=\"0 0 %d %d\" "
                                    + "xmlns=\"http://www.w3.org/2000/svg\">",
                            escape(id), escape(title), WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"12\" font-size=\"12\" fill=\"#333\">%s</text>",
                escape(title)));
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - 4;
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%s</text>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">0</text>",
                LEFT, HEIGHT - BOTTOM, WIDTH - 4, HEIGHT - BOTTOM, LEFT - 4, TOP + 10, escape(number(max) + unit),
                LEFT - 4, HEIGHT - BOTTOM));
        if (bars.isEmpty()) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#777\">nothing yet</text>", LEFT + 10,
                    TOP + plotHeight / 2));
        }
        double slot = bars.isEmpty() ? 0 : (double) plotWidth / bars.size();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double height = Math.max(bar.value() > 0 ? 1 : 0, bar.value() / top * plotHeight);
            double x = LEFT + 2 + i * slot;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s</title></rect>",
                    x, HEIGHT - BOTTOM - height, Math.max(1, slot * 0.8), height, escape(colour),
                    escape(bar.tooltip())));
            if (!bar.label().isEmpty()) {
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">%s</text>",
                        x + slot * 0.4, HEIGHT - 6, escape(bar.label())));
            }
        }
        return svg.append("</svg>").toString();
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

}
