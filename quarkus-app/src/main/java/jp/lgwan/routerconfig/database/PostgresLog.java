package jp.lgwan.routerconfig.database;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a PostgreSQL program last wrote to {@code DATA/postgres.log}, for a one-line message. */
final class PostgresLog {

    /**
     * A server's {@code 2026-12-05 06:49:06.897 UTC [32605] FATAL:  ...} (initdb prints it after its own
     * "running bootstrap script ... " on the same line), or initdb's own {@code initdb: error: ...}.
     */
    private static final Pattern ERROR = Pattern.compile("\\b(FATAL|PANIC|ERROR):\\s+(.*)|\\b([a-z_]+: error: .*)");

    private PostgresLog() {
    }

    /** The last error line written to {@code log} since {@code from}. */
    static Optional<String> errorIn(Path log, long from) {
        String error = null;
        for (String line : since(log, from)) {
            Matcher m = ERROR.matcher(line);
            if (m.find()) {
                error = m.group(1) != null ? m.group(1) + ": " + m.group(2).strip() : m.group(3).strip();
            }
        }
        return Optional.ofNullable(error);
    }

    /** The last error, else the last line, else what to look at. */
    static String reason(Path log, long from, String program) {
        Optional<String> error = errorIn(log, from);
        if (error.isPresent()) {
            return error.get();
        }
        List<String> lines = since(log, from).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? program + " said nothing" : lines.get(lines.size() - 1);
    }

    private static List<String> since(Path log, long from) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(from, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
