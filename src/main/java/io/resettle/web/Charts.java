package io.resettle.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Charts drawn on the server as inline SVG: no JavaScript, nothing fetched from elsewhere, so
 * they work offline and in screenshots. Drawn by the controller (Thymeleaf does not call beans in th:utext).
 */
@Component
class Charts {

    private static final int LABEL = 130;
    private static final int PLOT = 620;
    private static final int VALUE = 230;
    private static final int ROW = 34;
    private static final int TOP = 8;

    /**
     * One horizontal bar per group: its volume, with a tick at each tier edge of its discount
     * table; the bar is filled up to the volume and the next edge to reach is labelled.
     */
    String volumes(List<SettlementOverview.GroupVolume> groups) {
        BigDecimal max = BigDecimal.ONE;
        for (SettlementOverview.GroupVolume g : groups) {
            max = max.max(g.volume());
            if (g.nextEdge() != null) {
                max = max.max(g.nextEdge());
            }
        }
        max = max.multiply(new BigDecimal("1.05"));
        int width = LABEL + PLOT + VALUE;
        int height = TOP + ROW * groups.size() + 6;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"volume-chart\" role=\"img\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">");
        int y = TOP;
        for (SettlementOverview.GroupVolume g : groups) {
            String id = esc(g.groupId());
            svg.append("<g class=\"group-volume\" data-group=\"").append(id).append("\">");
            svg.append("<title>").append(id).append(": ").append(amount(g.volume()));
            if (g.discountTable() != null) {
                svg.append(" (").append(esc(g.discountTable())).append(')');
            }
            svg.append("</title>");
            svg.append(text(LABEL - 8, y + 17, "end", id));
            svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 4).append("\" width=\"").append(PLOT)
                    .append("\" height=\"20\" fill=\"#eef1f5\"/>");
            svg.append("<rect class=\"volume\" x=\"").append(LABEL).append("\" y=\"").append(y + 4).append("\" width=\"")
                    .append(x(g.volume(), max)).append("\" height=\"20\" fill=\"#3b6ea5\"/>");
            for (BigDecimal edge : g.edges()) {
                if (edge.compareTo(max) > 0) {
                    continue;
                }
                int ex = LABEL + x(edge, max);
                boolean reached = edge.compareTo(g.volume()) <= 0;
                svg.append("<line class=\"tier-edge\" data-edge=\"").append(edge.stripTrailingZeros().toPlainString())
                        .append("\" x1=\"").append(ex).append("\" x2=\"").append(ex).append("\" y1=\"").append(y)
                        .append("\" y2=\"").append(y + 28).append("\" stroke=\"").append(reached ? "#1d7a3a" : "#c0392b")
                        .append("\" stroke-width=\"2\" stroke-dasharray=\"4 2\"><title>")
                        .append(amount(edge)).append("</title></line>");
            }
            String value = amount(g.volume()) + (g.nextEdge() == null ? ""
                    : "  → " + amount(g.nextEdge()) + " (" + amount(g.nextEdge().subtract(g.volume())) + ")");
            svg.append(text(LABEL + PLOT + 6, y + 17, "start", esc(value)));
            svg.append("</g>");
            y += ROW;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** Twelve vertical bars: the rebate accrued in each month of the year. */
    String monthly(List<RebateAccruals.RebateMonth> months) {
        BigDecimal max = BigDecimal.ONE;
        for (RebateAccruals.RebateMonth m : months) {
            max = max.max(m.accrual().abs());
        }
        int barWidth = 48;
        int plotHeight = 160;
        int width = 60 + months.size() * (barWidth + 12);
        int height = plotHeight + 50;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"rebate-chart\" role=\"img\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.append("<line x1=\"50\" x2=\"").append(width).append("\" y1=\"").append(plotHeight + 20).append("\" y2=\"")
                .append(plotHeight + 20).append("\" stroke=\"#888\"/>");
        int x = 60;
        for (RebateAccruals.RebateMonth m : months) {
            int h = m.accrual().abs().multiply(BigDecimal.valueOf(plotHeight)).divide(max, 0, RoundingMode.HALF_UP).intValue();
            svg.append("<g class=\"rebate-month\" data-period=\"").append(esc(m.period())).append("\"><title>")
                    .append(esc(m.period())).append(": ").append(amount(m.accrual())).append("</title>");
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(plotHeight + 20 - h).append("\" width=\"")
                    .append(barWidth).append("\" height=\"").append(h).append("\" fill=\"")
                    .append(m.accrual().signum() < 0 ? "#c0392b" : "#1d7a3a").append("\"/>");
            if (m.accrual().signum() != 0) {
                svg.append(text(x + barWidth / 2, plotHeight + 16 - h, "middle", amount(m.accrual())));
            }
            svg.append(text(x + barWidth / 2, plotHeight + 36, "middle", esc(m.period().substring(Math.max(0, m.period().length() - 2)))));
            svg.append("</g>");
            x += barWidth + 12;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static int x(BigDecimal value, BigDecimal max) {
        return value.max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(PLOT)).divide(max, 0, RoundingMode.HALF_UP).intValue();
    }

    private static String text(int x, int y, String anchor, String escaped) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + escaped + "</text>";
    }

    private static String amount(BigDecimal value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    private static String esc(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value);
    }
}
