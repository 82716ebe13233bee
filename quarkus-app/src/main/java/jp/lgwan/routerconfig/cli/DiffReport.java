package jp.lgwan.routerconfig.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.inventory.load.YamlWriter;
import jp.lgwan.routerconfig.render.ChangeRisk;
import jp.lgwan.routerconfig.render.ConfigDiff;
import jp.lgwan.routerconfig.render.InventoryDiff;

/**
 * The diff of a change, per router, as text for a terminal, Markdown for a merge-request note or
 * job summary, JSON for tools, or JUnit XML for CI test reports. Every format carries the masked
 * diff only: secret references read {@code {{secret}}}.
 */
final class DiffReport {

    enum Format { text, markdown, json, junit }

    private DiffReport() {
    }

    static void write(InventoryDiff.Result result, Format format, String base, String head, Path output, PrintWriter out, PrintWriter err) {
        ReportOutput.write(report(result, format, base, head), summary(result, base, head), output, out, err);
    }

    /** The report of {@code result} in {@code format}. */
    static String report(InventoryDiff.Result result, Format format, String base, String head) {
        return switch (format) {
            case text -> text(result, base, head);
            case markdown -> markdown(result, base, head);
            case json -> json(result, base, head);
            case junit -> junit(result, base, head);
        };
    }

    static String summary(InventoryDiff.Result result, String base, String head) {
        if (result.changes().isEmpty()) {
            return "no change: " + result.compared() + " routers compared, " + base + " .. " + head;
        }
        Map<ChangeRisk, Long> byRisk = new EnumMap<>(ChangeRisk.class);
        result.changes().forEach(c -> byRisk.merge(c.risk(), 1L, Long::sum));
        String risks = byRisk.entrySet().stream().sorted(Map.Entry.<ChangeRisk, Long>comparingByKey().reversed())
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
        return result.changes().size() + " of " + result.compared() + " routers change (" + risks + "), " + base + " .. " + head;
    }

    private static String sections(ConfigDiff diff) {
        return diff.sections().stream().map(ConfigDiff.SectionChange::section).collect(Collectors.joining(", "));
    }

    private static String text(InventoryDiff.Result result, String base, String head) {
        StringBuilder text = new StringBuilder();
        for (InventoryDiff.RouterChange change : result.changes()) {
            text.append("== ").append(change.hostname()).append(" (").append(change.profile()).append("): ").append(change.risk().label())
                    .append(", +").append(change.diff().added()).append(" -").append(change.diff().removed());
            if (!change.diff().sections().isEmpty()) {
                text.append(" in ").append(sections(change.diff()));
            }
            text.append('\n').append(change.maskedDiff());
            if (!change.maskedDiff().isEmpty() && !change.maskedDiff().endsWith("\n")) {
                text.append('\n');
            }
        }
        return text.append(summary(result, base, head)).append('\n').toString();
    }

    private static String markdown(InventoryDiff.Result result, String base, String head) {
        StringBuilder md = new StringBuilder("## Router config diff\n\n");
        md.append(summary(result, base, head).replace("..", "→")).append("\n\n");
        if (result.changes().isEmpty()) {
            return md.toString();
        }
        md.append("| router | profile | risk | lines | sections |\n|---|---|---|---|---|\n");
        for (InventoryDiff.RouterChange change : result.changes()) {
            md.append("| `").append(change.hostname()).append("` | ").append(change.profile()).append(" | ")
                    .append(change.risk() == ChangeRisk.NEEDS_OUTAGE ? "**" + change.risk().label() + "**" : change.risk().label())
                    .append(" | +").append(change.diff().added()).append(" −").append(change.diff().removed())
                    .append(" | ").append(sections(change.diff()).replace("|", "\\|")).append(" |\n");
        }
        for (InventoryDiff.RouterChange change : result.changes()) {
            md.append("\n<details><summary><code>").append(change.hostname()).append("</code> — ").append(change.risk().label())
                    .append("</summary>\n\n```diff\n").append(change.maskedDiff().replace("```", "` ` `"));
            if (!change.maskedDiff().endsWith("\n")) {
                md.append('\n');
            }
            md.append("```\n\n</details>\n");
        }
        return md.toString();
    }

    private static String json(InventoryDiff.Result result, String base, String head) {
        StringBuilder json = new StringBuilder("{\"base\":").append(YamlWriter.quote(base))
                .append(",\"head\":").append(YamlWriter.quote(head))
                .append(",\"compared\":").append(result.compared())
                .append(",\"changed\":").append(result.changes().size())
                .append(",\"highest_risk\":").append(YamlWriter.quote(result.highestRisk().label()))
                .append(",\"routers\":[");
        String separator = "";
        for (InventoryDiff.RouterChange change : result.changes()) {
            json.append(separator).append("{\"hostname\":").append(YamlWriter.quote(change.hostname()))
                    .append(",\"profile\":").append(YamlWriter.quote(change.profile()))
                    .append(",\"risk\":").append(YamlWriter.quote(change.risk().label()))
                    .append(",\"added\":").append(change.diff().added())
                    .append(",\"removed\":").append(change.diff().removed())
                    .append(",\"sections\":[")
                    .append(change.diff().sections().stream().map(s -> "{\"section\":" + YamlWriter.quote(s.section()) + ",\"added\":" + s.added()
                            + ",\"removed\":" + s.removed() + "}").collect(Collectors.joining(",")))
                    .append("],\"diff\":").append(YamlWriter.quote(change.maskedDiff())).append('}');
            separator = ",";
        }
        return json.append("]}\n").toString();
    }

    /** A test case per changed router, named with its risk, the diff as its output; a change is not a failure. */
    private static String junit(InventoryDiff.Result result, String base, String head) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(ReportOutput.xml(summary(result, base, head))).append("\" tests=\"").append(result.changes().size())
                .append("\" failures=\"0\" errors=\"0\" skipped=\"0\">\n");
        for (InventoryDiff.RouterChange change : result.changes()) {
            xml.append("  <testcase classname=\"config-diff.").append(change.risk().label()).append("\" name=\"").append(ReportOutput.xml(change.hostname()))
                    .append("\">\n    <system-out>").append(ReportOutput.xml(change.maskedDiff())).append("</system-out>\n  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }
}
