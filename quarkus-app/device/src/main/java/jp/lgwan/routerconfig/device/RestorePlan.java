package jp.lgwan.routerconfig.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import jp.lgwan.routerconfig.render.Dialect;

/**
 * The commands that take a block-structured running config (indented lines belong to the line
 * above them with less indentation: IOS, FRR, NEC; Junos and Yamaha have one-line sections) to
 * another one: every line only the first has is undone with the dialect's negation, every line
 * only the second has is typed, inside its blocks where it has some (entering each block on the
 * way, leaving each after); a text block (a banner) is one entry. Lines are compared as the
 * dialect compares them ({@link Dialect#comparable}: a secret the device shows its own way counts by
 * presence) and typed as the second config has them. The driver pushes a candidate this way (so
 * lines the candidate drops go too) and the service's watchdog reverts with it; both give it only
 * the owned part of each config ({@link Dialect#owned}).
 */
final class RestorePlan {

    /** One line: the headers of the blocks it is in (outermost first) and its text, both stripped. */
    private record Entry(List<String> path, String line) {
    }

    /** How an entry is compared: path and line as the dialect compares them. */
    private record Key(List<String> path, String line) {
    }

    private RestorePlan() {
    }

    static List<String> between(Dialect dialect, String current, String target) {
        Dialect.Cli cli = dialect.cli();
        Map<Key, Entry> now = entries(dialect, current);
        Map<Key, Entry> wanted = entries(dialect, target);
        // a setting typed anew replaces the old value where both share their undo ("no description", "no hostname"):
        // the old one is not undone, the wanted one is typed even where the router shows it once already (FRR shows a
        // daemon's and vtysh's own hostname line)
        Map<Key, Entry> byUndo = new LinkedHashMap<>();
        for (Entry entry : wanted.values()) {
            // a banner too: typed anew, it replaces the old text ("banner login" takes the new text whole)
            byUndo.putIfAbsent(undoKey(dialect, entry), entry);
        }
        Set<Entry> retyped = new LinkedHashSet<>();
        List<String> commands = new ArrayList<>();
        Map<List<String>, Set<String>> inBlocks = new LinkedHashMap<>();
        for (Map.Entry<Key, Entry> present : now.entrySet()) {
            if (wanted.containsKey(present.getKey())) {
                continue;
            }
            Entry entry = present.getValue();
            Entry replacement = byUndo.get(undoKey(dialect, entry));
            if (replacement != null) {
                retyped.add(replacement);
                continue;
            }
            if (entry.path().isEmpty()) {
                commands.add(undo(cli, entry.line()));
            } else if (pathExists(dialect, wanted, entry.path())) {
                // under a block that goes whole, the block's undo takes its lines along
                inBlocks.computeIfAbsent(entry.path(), p -> new LinkedHashSet<>()).add(undo(cli, entry.line()));
            }
        }
        for (Map.Entry<Key, Entry> wantedEntry : wanted.entrySet()) {
            if (!now.containsKey(wantedEntry.getKey())) {
                retyped.add(wantedEntry.getValue());
            }
        }
        List<String> retype = new ArrayList<>();
        for (Entry entry : wanted.values()) {
            if (!retyped.contains(entry)) {
                continue;
            }
            if (entry.path().isEmpty()) {
                retype.add(entry.line());
            } else {
                inBlocks.computeIfAbsent(entry.path(), p -> new LinkedHashSet<>()).add(entry.line());
            }
        }
        commands.addAll(retype);
        inBlocks.forEach((path, lines) -> {
            commands.addAll(path);
            commands.addAll(lines);
            path.forEach(level -> commands.add(cli.exitBlock()));
        });
        return commands;
    }

    private static Key undoKey(Dialect dialect, Entry entry) {
        return new Key(entry.path().stream().map(dialect::comparable).toList(), dialect.comparable(undo(dialect.cli(), entry.line())));
    }

    /** Whether every block of {@code path} is in {@code config}. */
    private static boolean pathExists(Dialect dialect, Map<Key, Entry> config, List<String> path) {
        for (int depth = 0; depth < path.size(); depth++) {
            Key header = new Key(path.subList(0, depth).stream().map(dialect::comparable).toList(), dialect.comparable(path.get(depth)));
            if (!config.containsKey(header)) {
                return false;
            }
        }
        return true;
    }

    /** {@code no LINE}, shortened where the dialect says so; a line that is itself a negation is undone by its positive form. */
    static String undo(Dialect.Cli cli, String line) {
        if (line.contains("\n")) {
            // a text block (banner) goes by its command without the delimiter: "no banner login"
            String first = line.substring(0, line.indexOf('\n'));
            return cli.negate() + first.substring(0, first.lastIndexOf(' '));
        }
        if (line.startsWith(cli.negate())) {
            return cli.negateStrips() + line.substring(cli.negate().length());
        }
        if (!cli.negateStrips().isEmpty() && line.startsWith(cli.negateStrips())) {
            line = line.substring(cli.negateStrips().length());
        }
        String[] words = line.split(" ");
        // the longest command prefix the dialect names decides how many words the undo keeps
        Integer keep = null;
        for (int n = words.length; n >= 1 && keep == null; n--) {
            keep = cli.negateWords().get(String.join(" ", java.util.Arrays.copyOf(words, n)));
        }
        return cli.negate() + (keep == null ? line : String.join(" ", java.util.Arrays.copyOf(words, Math.min(keep, words.length))));
    }

    /** Every line of a config under its path of block headers, in order; comments, volatile lines and {@code end} left out. */
    private static Map<Key, Entry> entries(Dialect dialect, String config) {
        Map<Key, Entry> entries = new LinkedHashMap<>();
        // the open blocks: their headers and indentation, outermost first
        List<String> headers = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        StringBuilder text = null;
        String terminator = null;
        for (String raw : config.lines().toList()) {
            String line = raw.stripTrailing();
            String trimmed = line.strip();
            if (text != null) {
                // a text block is one entry: its command, its lines and its closing line
                text.append('\n').append(line);
                if (trimmed.equals(terminator)) {
                    add(dialect, entries, List.of(), text.toString());
                    text = null;
                }
                continue;
            }
            if (trimmed.isEmpty() || dialect.isComment(line) || dialect.isVolatile(line) || trimmed.equals("end")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            Matcher textBlock = dialect.cli().textBlock() == null ? null : dialect.cli().textBlock().matcher(trimmed);
            if (indent == 0 && textBlock != null && textBlock.matches()) {
                text = new StringBuilder(trimmed);
                terminator = textBlock.group(1);
                headers.clear();
                indents.clear();
                continue;
            }
            if (indent == 0 && trimmed.equals(dialect.cli().exitBlock())) {
                headers.clear();
                indents.clear();
                continue;
            }
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                headers.remove(headers.size() - 1);
            }
            add(dialect, entries, List.copyOf(headers), trimmed);
            headers.add(trimmed);
            indents.add(indent);
        }
        return entries;
    }

    private static void add(Dialect dialect, Map<Key, Entry> entries, List<String> path, String line) {
        Key key = new Key(path.stream().map(dialect::comparable).toList(), dialect.comparable(line));
        entries.putIfAbsent(key, new Entry(path, line));
    }
}
