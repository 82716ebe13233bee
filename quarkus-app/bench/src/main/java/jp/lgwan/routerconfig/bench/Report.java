package jp.lgwan.routerconfig.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** BENCHMARKS.md as it is built: headings, paragraphs, bullet lists and tables, in Markdown. */
final class Report {

    private final StringBuilder text = new StringBuilder();

    Report heading(int level, String title) {
        text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
        return this;
    }

    Report paragraph(String paragraph) {
        text.append(paragraph).append("\n\n");
        return this;
    }

    Report bullets(List<String> items) {
        items.forEach(i -> text.append("- ").append(i).append('\n'));
        text.append('\n');
        return this;
    }

    Report code(String block) {
        text.append("```\n").append(block).append(block.endsWith("\n") ? "" : "\n").append("```\n\n");
        return this;
    }

    /** A table; the first row is the header. Cells holding figures are right-aligned. */
    Report table(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return this;
        }
        List<String> header = rows.get(0);
        text.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            boolean numeric = true;
            for (List<String> row : rows.subList(1, rows.size())) {
                numeric &= c < row.size() && row.get(c).matches("[-−~≈<>≥×0-9.,% ]*[0-9][^|]*") && c > 0;
            }
            text.append(numeric && rows.size() > 1 ? "---:|" : "---|");
        }
        text.append('\n');
        for (List<String> row : rows.subList(1, rows.size())) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        text.append('\n');
        return this;
    }

    String text() {
        return text.toString();
    }

    /** Table rows under construction. */
    static final class Rows {
        private final List<List<String>> rows = new ArrayList<>();

        Rows(String... header) {
            rows.add(List.of(header));
        }

        Rows add(String... cells) {
            rows.add(List.of(cells));
            return this;
        }

        List<List<String>> rows() {
            return rows;
        }

        boolean isEmpty() {
            return rows.size() <= 1;
        }
    }

    static String seconds(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000.0) : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** "2 s", "50 ms". */
    static String duration(java.time.Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 && millis > 0 ? millis / 1000 + " s" : millis + " ms";
    }

    static String millis(long millis) {
        return String.format(Locale.ROOT, "%,d ms", millis);
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%,d MiB", Math.round(kib / 1024.0));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String perMinute(long routers, long wallMillis) {
        return wallMillis <= 0 ? "–" : String.format(Locale.ROOT, "%,.0f", routers * 60_000.0 / wallMillis);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.1f×", value);
    }
}
