package jp.lgwan.routerconfig.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a router's running config this project owns (管理範囲), as {@code owned:} in
 * {@code templates/<profile>/dialect.yaml} declares it: the rest (users, archive, licences,
 * root-authentication, security zones, BGP, ...) belongs to whoever runs the router and is never
 * compared, typed or undone. A config is cut into top-level sections (an unindented line with the
 * indented lines and the closing {@code exit} under it; a banner's text is one section); a section
 * is owned when the first rule whose {@link Rule#line} matches its first line owns it:
 * <ul>
 * <li>scope {@link Scope#ALL}: every such section on the router is ours, so one the rendered config
 *     no longer has is removed (a static route, a syslog host the inventory dropped);</li>
 * <li>scope {@link Scope#RENDERED}: only sections the rendered config has too, compared by the
 *     rule's first group (or the whole line): an interface block for an interface the inventory
 *     names, the SNMP user this project configures — never another one;</li>
 * <li>with {@link Rule#subLines}, of the section's own lines only those matching one are ours (an
 *     interface's description and address, not its NAT or OSPF settings); its first line is then an
 *     address to type them under, never removed.</li>
 * </ul>
 * The rendered config defines the owned content; every line it has must be owned
 * ({@link #unowned}), else the driver would never push it.
 */
public record Ownership(List<Rule> rules) {

    /** Which sections of the router a rule owns: every one it matches, or those the rendered config has. */
    public enum Scope { ALL, RENDERED }

    /**
     * One rule of {@code owned:}.
     *
     * @param line     matches the whole first line of a section (leading blanks stripped)
     * @param scope    {@link Scope#ALL} or {@link Scope#RENDERED}
     * @param subLines null: the whole section is ours; else the section's own lines (stripped) ours are those matching one
     */
    public record Rule(Pattern line, Scope scope, List<Pattern> subLines) {
        public Rule {
            subLines = subLines == null ? null : List.copyOf(subLines);
        }

        /** What a {@link Scope#RENDERED} section is recognised by: the first group where the rule has one, else the whole line. */
        String key(Matcher matched) {
            return matched.groupCount() >= 1 && matched.group(1) != null ? matched.group(1) : matched.group();
        }

        boolean ownsSubLine(String stripped) {
            return subLines == null || subLines.stream().anyMatch(p -> p.matcher(stripped).matches());
        }
    }

    public Ownership {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("'owned' must name at least one rule");
        }
    }

    /**
     * The part of {@code config} this project owns, as lines of the config (indentation kept;
     * comments, volatile lines, blank lines and the closing {@code end} dropped).
     *
     * @param rendered the router's rendered config (or the intended config a backup restores within):
     *                 which {@link Scope#RENDERED} sections exist
     */
    public String project(Dialect dialect, String config, String rendered) {
        Set<String> renderedKeys = renderedKeys(dialect, rendered);
        StringBuilder out = new StringBuilder();
        for (Section section : Section.of(dialect, config)) {
            Owner owner = ownerOf(section.header());
            if (owner == null || owner.rule().scope() == Scope.RENDERED && !renderedKeys.contains(owner.id())) {
                continue;
            }
            out.append(section.header()).append('\n');
            int firstLevel = -1;
            boolean owned = false;
            for (String line : section.body()) {
                String stripped = line.strip();
                int indent = line.length() - stripped.length();
                if (section.text() || owner.rule().subLines() == null || line.equals(section.closing())) {
                    out.append(line).append('\n');
                    continue;
                }
                if (firstLevel < 0 || indent <= firstLevel) {
                    // a line of the section's own; deeper lines go with the one they are under
                    firstLevel = indent;
                    owned = owner.rule().ownsSubLine(stripped);
                }
                if (owned) {
                    out.append(line).append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * The part of {@code config} this project does not own, in order: sections no rule owns (or no
     * rendered section has), and the unowned lines of a section whose {@link Rule#subLines} own some
     * (under its first line). What a push, a confirm, a rollback or a revert must leave byte for byte
     * as it was.
     */
    public String rest(Dialect dialect, String config, String rendered) {
        Set<String> renderedKeys = renderedKeys(dialect, rendered);
        StringBuilder out = new StringBuilder();
        for (Section section : Section.of(dialect, config)) {
            Owner owner = ownerOf(section.header());
            boolean owned = owner != null && (owner.rule().scope() == Scope.ALL || renderedKeys.contains(owner.id()));
            if (owned && (owner.rule().subLines() == null || section.text())) {
                continue;
            }
            StringBuilder unowned = new StringBuilder();
            int firstLevel = -1;
            boolean keep = true;
            for (String line : section.body()) {
                String stripped = line.strip();
                int indent = line.length() - stripped.length();
                if (owned && !line.equals(section.closing())) {
                    if (firstLevel < 0 || indent <= firstLevel) {
                        firstLevel = indent;
                        keep = !owner.rule().ownsSubLine(stripped);
                    }
                    if (!keep) {
                        continue;
                    }
                } else if (owned) {
                    continue;
                }
                unowned.append(line).append('\n');
            }
            if (!owned || unowned.length() > 0) {
                out.append(section.header()).append('\n').append(unowned);
            }
        }
        return out.toString();
    }

    /**
     * The lines of a rendered config no rule owns: the driver would never type them, so a template
     * line without its rule is a mistake in {@code dialect.yaml} (checked for every golden file).
     */
    public List<String> unowned(Dialect dialect, String rendered) {
        List<String> unowned = new ArrayList<>();
        for (Section section : Section.of(dialect, rendered)) {
            Owner owner = ownerOf(section.header());
            if (owner == null) {
                unowned.add(section.header());
                continue;
            }
            if (owner.rule().subLines() == null || section.text()) {
                continue;
            }
            for (String line : section.body()) {
                if (!line.equals(section.closing()) && !owner.rule().ownsSubLine(line.strip())) {
                    unowned.add(section.header() + " / " + line.strip());
                }
            }
        }
        return unowned;
    }

    /** The rule that decides a section, and the section's key under it. */
    private record Owner(Rule rule, int index, String key) {
        String id() {
            return index + "\u0000" + key;
        }
    }

    private Owner ownerOf(String header) {
        String stripped = header.strip();
        for (int i = 0; i < rules.size(); i++) {
            Matcher m = rules.get(i).line().matcher(stripped);
            if (m.matches()) {
                return new Owner(rules.get(i), i, rules.get(i).key(m));
            }
        }
        return null;
    }

    private Set<String> renderedKeys(Dialect dialect, String rendered) {
        Set<String> keys = new HashSet<>();
        for (Section section : Section.of(dialect, rendered)) {
            Owner owner = ownerOf(section.header());
            if (owner != null) {
                keys.add(owner.id());
            }
        }
        return keys;
    }

    /**
     * A top-level section as the device prints it: its first line, the lines under it (raw), and
     * for a banner, its text up to the closing delimiter.
     *
     * @param closing the unindented line that closed the block (FRR's {@code exit}), null where none
     * @param text    whether the body is a text block's free text
     */
    record Section(String header, List<String> body, String closing, boolean text) {

        static List<Section> of(Dialect dialect, String config) {
            Dialect.Cli cli = dialect.cli();
            List<Section> sections = new ArrayList<>();
            String header = null;
            List<String> body = null;
            String closing = null;
            String terminator = null;
            for (String raw : config.split("\\R")) {
                String line = raw.stripTrailing();
                String stripped = line.strip();
                if (terminator != null) {
                    body.add(line);
                    if (stripped.equals(terminator)) {
                        sections.add(new Section(header, body, null, true));
                        header = null;
                        terminator = null;
                    }
                    continue;
                }
                if (stripped.isEmpty() || dialect.isComment(line) || dialect.isVolatile(line)) {
                    continue;
                }
                boolean indented = Character.isWhitespace(line.charAt(0));
                if (!indented && stripped.equals("end")) {
                    continue;
                }
                if (indented && header != null) {
                    body.add(line);
                    continue;
                }
                if (!indented && header != null && cli != null && stripped.equals(cli.exitBlock())) {
                    body.add(line);
                    closing = line;
                    continue;
                }
                if (header != null) {
                    sections.add(new Section(header, body, closing, false));
                }
                header = line.stripLeading();
                body = new ArrayList<>();
                closing = null;
                Matcher block = cli == null || cli.textBlock() == null ? null : cli.textBlock().matcher(stripped);
                if (block != null && block.matches()) {
                    terminator = block.group(1);
                }
            }
            if (header != null) {
                sections.add(new Section(header, body, closing, terminator != null));
            }
            return sections;
        }
    }
}
