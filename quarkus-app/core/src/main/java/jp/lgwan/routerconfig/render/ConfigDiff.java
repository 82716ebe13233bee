package jp.lgwan.routerconfig.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The difference between two configurations of one router, after both are normalized for the dialect: trailing
 * whitespace stripped; blank, comment-only and volatile lines dropped; and, where the dialect's sections are order
 * insensitive, sections sorted. Line numbers in {@link #unifiedDiff()} therefore count normalized lines.
 *
 * @param hostname    the router
 * @param changed     false when the normalized texts are equal
 * @param unifiedDiff {@code diff -u} style text with 3 lines of context, empty when unchanged
 * @param added       lines only in the after text
 * @param removed     lines only in the before text
 * @param sections    the top-level sections with changes, in order of first appearance in the diff
 */
public record ConfigDiff(String hostname, boolean changed, String unifiedDiff, int added, int removed,
                         List<SectionChange> sections) {

    private static final int CONTEXT = 3;
    // The hostname lands in the diff header: one token, nothing that could forge another header line or path.
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Lines added and removed under one top-level section, named by its header (e.g. {@code interface Gi0/0/0}). */
    public record SectionChange(String section, int added, int removed) {
    }

    public ConfigDiff {
        sections = List.copyOf(sections);
    }

    public static ConfigDiff between(String hostname, Dialect dialect, String before, String after) {
        if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("not a hostname: " + hostname);
        }
        Objects.requireNonNull(dialect, "dialect");
        if (Objects.requireNonNull(before, "before").equals(Objects.requireNonNull(after, "after"))) {
            // the same text normalizes to the same lines: most routers of a fleet-wide diff, spared the work
            return new ConfigDiff(hostname, false, "", 0, 0, List.of());
        }
        Normalized a = normalize(dialect, before);
        Normalized b = normalize(dialect, after);
        List<AbstractDelta<String>> deltas = DiffUtils.diff(a.lines(), b.lines()).getDeltas();
        if (deltas.isEmpty()) {
            return new ConfigDiff(hostname, false, "", 0, 0, List.of());
        }

        int added = 0;
        int removed = 0;
        Map<String, int[]> bySection = new LinkedHashMap<>(); // name -> {added, removed}
        for (AbstractDelta<String> delta : deltas) {
            Chunk<String> source = delta.getSource();
            Chunk<String> target = delta.getTarget();
            for (int i = source.getPosition(); i < end(source); i++) {
                bySection.computeIfAbsent(a.sections().get(i), k -> new int[2])[1]++;
            }
            for (int i = target.getPosition(); i < end(target); i++) {
                bySection.computeIfAbsent(b.sections().get(i), k -> new int[2])[0]++;
            }
            added += target.size();
            removed += source.size();
        }
        List<SectionChange> sections = new ArrayList<>();
        bySection.forEach((name, counts) -> sections.add(new SectionChange(name, counts[0], counts[1])));
        return new ConfigDiff(hostname, true, unified(hostname, a.lines(), deltas), added, removed, sections);
    }

    /** Normalized lines, and for each the name of the top-level section it belongs to. */
    private record Normalized(List<String> lines, List<String> sections) {
    }

    private record Section(String name, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }

    private static Normalized normalize(Dialect dialect, String text) {
        List<Section> sections = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.stripTrailing();
            if (line.isEmpty() || dialect.isComment(line) || dialect.isVolatile(line)) {
                continue;
            }
            String name = dialect.sectionName(line);
            if (name != null || sections.isEmpty()) {
                // lines before the first section header form a section named after their first line
                sections.add(new Section(name != null ? name : line.strip(), new ArrayList<>()));
            }
            sections.get(sections.size() - 1).lines().add(line);
        }
        if (dialect.orderInsensitive()) {
            // List.sort is stable; whole-text order makes the result independent of the input order
            sections.sort(Comparator.comparing(Section::text));
        }
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Section section : sections) {
            for (String line : section.lines()) {
                lines.add(line);
                names.add(section.name());
            }
        }
        return new Normalized(lines, names);
    }

    /**
     * GNU {@code diff -u} format. java-diff-utils' own formatter prints an empty range as {@code -1,0} where
     * diff and patch expect {@code -0,0}, so only its Myers deltas are used.
     */
    private static String unified(String hostname, List<String> before, List<AbstractDelta<String>> deltas) {
        StringBuilder out = new StringBuilder()
                .append("--- a/").append(hostname).append(".cfg\n")
                .append("+++ b/").append(hostname).append(".cfg\n");
        int first = 0;
        while (first < deltas.size()) {
            // deltas whose contexts touch or overlap share one hunk
            int last = first;
            while (last + 1 < deltas.size()
                    && deltas.get(last + 1).getSource().getPosition() - end(deltas.get(last).getSource()) <= 2 * CONTEXT) {
                last++;
            }
            AbstractDelta<String> head = deltas.get(first);
            AbstractDelta<String> tail = deltas.get(last);
            int leading = Math.min(CONTEXT, head.getSource().getPosition());
            int trailing = Math.min(CONTEXT, before.size() - end(tail.getSource()));
            int sourceStart = head.getSource().getPosition() - leading;
            int targetStart = head.getTarget().getPosition() - leading;
            int sourceCount = end(tail.getSource()) + trailing - sourceStart;
            int targetCount = end(tail.getTarget()) + trailing - targetStart;
            out.append("@@ -").append(range(sourceStart, sourceCount))
                    .append(" +").append(range(targetStart, targetCount)).append(" @@\n");

            int at = sourceStart;
            for (AbstractDelta<String> delta : deltas.subList(first, last + 1)) {
                for (; at < delta.getSource().getPosition(); at++) {
                    out.append(' ').append(before.get(at)).append('\n');
                }
                delta.getSource().getLines().forEach(line -> out.append('-').append(line).append('\n'));
                delta.getTarget().getLines().forEach(line -> out.append('+').append(line).append('\n'));
                at = end(delta.getSource());
            }
            for (; at < sourceStart + sourceCount; at++) {
                out.append(' ').append(before.get(at)).append('\n');
            }
            first = last + 1;
        }
        return out.toString();
    }

    /** A hunk range as diff prints it: 1-based start, count omitted when 1, start = line before when empty. */
    private static String range(int start, int count) {
        return switch (count) {
            case 0 -> start + ",0";
            case 1 -> String.valueOf(start + 1);
            default -> (start + 1) + "," + count;
        };
    }

    private static int end(Chunk<String> chunk) {
        return chunk.getPosition() + chunk.size();
    }
}
