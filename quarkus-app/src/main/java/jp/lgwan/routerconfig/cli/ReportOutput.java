package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where a command's report goes: standard output, or a file written whole (with the summary line then on standard error). */
final class ReportOutput {

    private ReportOutput() {
    }

    static void write(String report, String summary, Path output, PrintWriter out, PrintWriter err) {
        if (output == null) {
            out.print(report);
            out.flush();
            return;
        }
        writeFile(report, "--output", output);
        err.println(summary);
    }

    /** {@code report} written whole into {@code output} (named by {@code option} if its folder is missing). */
    static void writeFile(String report, String option, Path output) {
        requireFolder(option, output);
        try {
            Path target = output.toAbsolutePath();
            Path temporary = Files.createTempFile(target.getParent(), ".report-", ".tmp");
            Files.writeString(temporary, report, StandardCharsets.UTF_8);
            // a reader of the report never sees half of it
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Cli.UsageException("cannot write " + output + ": " + e.getMessage());
        }
    }

    /**
     * {@code --output}'s folder must exist: a mistyped path is refused, not made (a report left in a folder nobody
     * looks in is a report lost). Checked before the work, and again when writing.
     */
    static void requireFolder(Path output) {
        requireFolder("--output", output);
    }

    /** The same for a file another option names ({@code option} as the message shows it, e.g. {@code --also json=}). */
    static void requireFolder(String option, Path output) {
        if (output == null) {
            return;
        }
        Path folder = output.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new Cli.UsageException(option + (option.endsWith("=") ? "" : " ") + output + ": " + (Files.exists(folder) ? folder + " is not a folder"
                    : "no folder " + folder + " (create it first)"));
        }
    }

    /** Text as XML attribute or element content: markup escaped, control characters other than line breaks and tabs dropped to '?'. */
    static String xml(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return escaped.toString();
    }
}
