package io.headwater.engine.audit.report;

import io.headwater.engine.model.DatasetRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws the PII flows as an inline SVG: datasets in columns by their distance from the system of
 * record, arrows labelled with the PII fields they carry. Plain SVG with no script, so it prints.
 */
final class LineagePicture {
    private static final int BOX_W = 190;
    private static final int BOX_H = 34;
    private static final int COL_GAP = 120;
    private static final int ROW_GAP = 26;
    private static final int MARGIN = 16;

    private LineagePicture() {
    }

    static String svg(List<PiiEdge> edges) {
        if (edges.isEmpty()) {
            return "<p>No declared personal data flows between datasets.</p>";
        }
        Map<DatasetRef, Integer> column = columns(edges);
        Map<Integer, List<DatasetRef>> byColumn = new LinkedHashMap<>();
        column.forEach((d, c) -> byColumn.computeIfAbsent(c, k -> new ArrayList<>()).add(d));
        int maxRows = byColumn.values().stream().mapToInt(List::size).max().orElse(1);
        int cols = byColumn.size();
        int width = MARGIN * 2 + cols * BOX_W + (cols - 1) * COL_GAP;
        int height = MARGIN * 2 + maxRows * (BOX_H + ROW_GAP);
        Map<DatasetRef, int[]> pos = new LinkedHashMap<>();
        byColumn.forEach((c, ds) -> {
            for (int i = 0; i < ds.size(); i++) {
                pos.put(ds.get(i), new int[] {MARGIN + c * (BOX_W + COL_GAP), MARGIN + i * (BOX_H + ROW_GAP)});
            }
        });
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lineage\" role=\"img\" aria-label=\"Personal data flows\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">\n");
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#b4235a\"/></marker></defs>\n");
        for (PiiEdge e : edges) {
            int[] a = pos.get(e.from());
            int[] z = pos.get(e.to());
            int x1 = a[0] + BOX_W;
            int y1 = a[1] + BOX_H / 2;
            int x2 = z[0];
            int y2 = z[1] + BOX_H / 2;
            b.append("<path d=\"M").append(x1).append(',').append(y1).append(" C").append(x1 + COL_GAP / 2).append(',').append(y1).append(' ')
                    .append(x2 - COL_GAP / 2).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
                    .append("\" fill=\"none\" stroke=\"#b4235a\" stroke-width=\"1.6\" marker-end=\"url(#arrow)\"><title>")
                    .append(HtmlReport.escape(e.flow() + ": " + String.join(", ", e.fields()))).append("</title></path>\n");
        }
        pos.forEach((d, p) -> b.append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(BOX_W)
                .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"#fdf2f6\" stroke=\"#b4235a\"/>\n<text x=\"").append(p[0] + 10)
                .append("\" y=\"").append(p[1] + 22).append("\" font-family=\"sans-serif\" font-size=\"13\" fill=\"#3b0d20\">")
                .append(HtmlReport.escape(d.toString())).append("</text>\n"));
        return b.append("</svg>").toString();
    }

    /** A dataset's column: 0 for sources, else one more than the furthest dataset feeding it. */
    private static Map<DatasetRef, Integer> columns(List<PiiEdge> edges) {
        Set<DatasetRef> all = new LinkedHashSet<>();
        edges.forEach(e -> {
            all.add(e.from());
            all.add(e.to());
        });
        Map<DatasetRef, Integer> col = new LinkedHashMap<>();
        all.forEach(d -> col.put(d, 0));
        for (int pass = 0; pass < all.size(); pass++) {
            for (PiiEdge e : edges) {
                col.put(e.to(), Math.max(col.get(e.to()), col.get(e.from()) + 1));
            }
        }
        Map<DatasetRef, Integer> sorted = new LinkedHashMap<>();
        col.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(x -> sorted.put(x.getKey(), x.getValue()));
        return sorted;
    }

}
