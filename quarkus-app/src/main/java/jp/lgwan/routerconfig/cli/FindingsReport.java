package jp.lgwan.routerconfig.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.inventory.load.YamlWriter;

/** Writes the findings of a validation as text for people, JSON for tools, or JUnit XML for CI test reports. */
final class FindingsReport {

    enum Format { text, json, junit }

    private FindingsReport() {
    }

    static void write(LoadResult result, Format format, Path output, PrintWriter out, PrintWriter err) {
        String report = switch (format) {
            case text -> text(result);
            case json -> json(result);
            case junit -> junit(result);
        };
        ReportOutput.write(report, summary(result), output, out, err);
    }

    static String summary(LoadResult result) {
        long errors = result.errorCount();
        long warnings = result.warningCount();
        return (errors == 0 ? "valid" : "invalid") + ": " + result.files().size() + " files, "
                + result.inventory().organizations().size() + " organizations, " + result.inventory().routerCount() + " routers; "
                + errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
    }

    private static String text(LoadResult result) {
        StringBuilder text = new StringBuilder();
        for (Finding finding : result.findings()) {
            text.append(finding.format()).append('\n');
        }
        return text.append(summary(result)).append('\n').toString();
    }

    private static String json(LoadResult result) {
        StringBuilder json = new StringBuilder(256 + result.findings().size() * 200);
        json.append("{\"valid\":").append(result.isValid())
                .append(",\"errors\":").append(result.errorCount())
                .append(",\"warnings\":").append(result.warningCount())
                .append(",\"files\":").append(result.files().size())
                .append(",\"organizations\":").append(result.inventory().organizations().size())
                .append(",\"routers\":").append(result.inventory().routerCount())
                .append(",\"findings\":[");
        String separator = "";
        for (Finding f : result.findings()) {
            json.append(separator).append("{\"file\":").append(YamlWriter.quote(f.file()))
                    .append(",\"line\":").append(f.line())
                    .append(",\"column\":").append(f.column())
                    .append(",\"rule\":").append(YamlWriter.quote(f.ruleId()))
                    .append(",\"severity\":").append(YamlWriter.quote(f.severity().name().toLowerCase()))
                    .append(",\"field\":").append(YamlWriter.quote(f.field()))
                    .append(",\"message\":").append(YamlWriter.quote(f.message())).append('}');
            separator = ",";
        }
        return json.append("]}\n").toString();
    }

    /** One test case per file read, so a CI report lists every file, failing where it has errors. */
    private static String junit(LoadResult result) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        result.files().forEach(file -> byFile.put(file, new java.util.ArrayList<>()));
        result.findings().forEach(f -> byFile.computeIfAbsent(f.file(), k -> new java.util.ArrayList<>()).add(f));
        long failing = byFile.values().stream().filter(list -> list.stream().anyMatch(Finding::isError)).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"inventory\" tests=\"").append(byFile.size()).append("\" failures=\"").append(failing).append("\">\n");
        xml.append("  <testsuite name=\"inventory validation\" tests=\"").append(byFile.size()).append("\" failures=\"").append(failing)
                .append("\" errors=\"0\" skipped=\"0\">\n");
        byFile.forEach((file, findings) -> {
            xml.append("    <testcase classname=\"inventory\" name=\"").append(ReportOutput.xml(file)).append("\"");
            if (findings.isEmpty()) {
                xml.append("/>\n");
                return;
            }
            xml.append(">\n");
            List<Finding> errors = findings.stream().filter(Finding::isError).toList();
            if (!errors.isEmpty()) {
                xml.append("      <failure type=\"").append(ReportOutput.xml(errors.get(0).ruleId())).append("\" message=\"")
                        .append(ReportOutput.xml(errors.size() + (errors.size() == 1 ? " error: " : " errors, first: ") + errors.get(0).format()))
                        .append("\">");
                errors.forEach(f -> xml.append(ReportOutput.xml(f.format())).append('\n'));
                xml.append("</failure>\n");
            }
            List<Finding> warnings = findings.stream().filter(f -> !f.isError()).toList();
            if (!warnings.isEmpty()) {
                xml.append("      <system-out>");
                warnings.forEach(f -> xml.append(ReportOutput.xml(f.format())).append('\n'));
                xml.append("</system-out>\n");
            }
            xml.append("    </testcase>\n");
        });
        return xml.append("  </testsuite>\n</testsuites>\n").toString();
    }
}
