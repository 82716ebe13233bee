package jp.lgwan.routerconfig.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.lgwan.routerconfig.render.Dialect;

/**
 * The commands that take a block-structured running config (indented lines belong to the
 * unindented line above: IOS, FRR, NEC) to another one: every line only the first has is undone
 * with the dialect's negation, every line only the second has is typed, inside its block where it
 * has one; a text block (a banner) is one entry. The driver pushes a candidate this way (so lines
 * the candidate drops go too) and the service's watchdog reverts with it.
 */
final class RestorePlan {

    private record Entry(String block, String line) {
    }

    private RestorePlan() {
    }

    static List<String> between(Dialect dialect, String current, String backup) {
        Dialect.Cli cli = dialect.cli();
        Set<Entry> now = entries(dialect, current);
        Set<Entry> before = entries(dialect, backup);
        Set<String> blocksBefore = blocks(before);
        Set<String> blocksNow = blocks(now);
        List<String> commands = new ArrayList<>();
        // a setting typed anew replaces the old value where both share their undo ("no description lan2"):
        // undoing first would only move the line
        Set<Entry> replacedKeys = new LinkedHashSet<>();
        for (Entry removed : before) {
            if (!now.contains(removed) && !removed.line().contains("\n")) {
                replacedKeys.add(new Entry(removed.block(), undo(cli, removed.line())));
            }
        }
        // a set per block: undoing "no X" and retyping a removed "X" are the same command once
        Map<String, Set<String>> inBlocks = new LinkedHashMap<>();
        for (Entry added : now) {
            if (before.contains(added) || replacedKeys.contains(new Entry(added.block(), undo(cli, added.line())))) {
                continue;
            }
            if (added.block() == null) {
                // a block the change created goes whole; a block that existed keeps its header
                if (!blocksNow.contains(added.line()) || !blocksBefore.contains(added.line())) {
                    commands.add(undo(cli, added.line()));
                }
            } else if (before.contains(new Entry(null, added.block()))) {
                inBlocks.computeIfAbsent(added.block(), b -> new LinkedHashSet<>()).add(undo(cli, added.line()));
            }
        }
        List<String> retype = new ArrayList<>();
        for (Entry removed : before) {
            if (now.contains(removed)) {
                continue;
            }
            if (removed.block() == null) {
                retype.add(removed.line());
            } else {
                inBlocks.computeIfAbsent(removed.block(), b -> new LinkedHashSet<>()).add(removed.line());
            }
        }
        commands.addAll(retype);
        inBlocks.forEach((block, lines) -> {
            commands.add(block);
            commands.addAll(lines);
            commands.add(cli.exitBlock());
        });
        return commands;
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

    private static Set<Entry> entries(Dialect dialect, String config) {
        Set<Entry> entries = new LinkedHashSet<>();
        String block = null;
        StringBuilder text = null;
        String terminator = null;
        for (String raw : config.lines().toList()) {
            String line = raw.stripTrailing();
            String trimmed = line.strip();
            if (text != null) {
                // a text block is one entry: its command, its lines and its closing line
                text.append('\n').append(line);
                if (trimmed.equals(terminator)) {
                    entries.add(new Entry(null, text.toString()));
                    text = null;
                }
                continue;
            }
            java.util.regex.Matcher textBlock = dialect.cli().textBlock() == null ? null : dialect.cli().textBlock().matcher(trimmed);
            if (textBlock != null && textBlock.matches() && !Character.isWhitespace(line.isEmpty() ? 'x' : line.charAt(0))) {
                text = new StringBuilder(trimmed);
                terminator = textBlock.group(1);
                block = null;
                continue;
            }
            if (trimmed.isEmpty() || dialect.isComment(line) || dialect.isVolatile(line) || trimmed.equals("end")) {
                continue;
            }
            boolean indented = Character.isWhitespace(line.charAt(0));
            if (!indented && trimmed.equals(dialect.cli().exitBlock())) {
                block = null;
                continue;
            }
            if (indented && block != null) {
                entries.add(new Entry(block, trimmed));
            } else {
                entries.add(new Entry(null, trimmed));
                block = trimmed;
            }
        }
        return entries;
    }

    private static Set<String> blocks(Set<Entry> entries) {
        Set<String> blocks = new LinkedHashSet<>();
        entries.stream().filter(e -> e.block() != null).forEach(e -> blocks.add(e.block()));
        return blocks;
    }
}
