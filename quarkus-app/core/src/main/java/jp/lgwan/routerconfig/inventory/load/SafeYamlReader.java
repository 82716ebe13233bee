package jp.lgwan.routerconfig.inventory.load;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.Finding;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads one YAML file into a {@link YamlNode} tree, safely: nothing is ever instantiated from the
 * document (no tags are honoured), the file size, nesting depth, alias count and alias expansion
 * are bounded, and duplicate keys, tabs and invalid UTF-8 are errors with their line and column.
 * Works from SnakeYAML's event stream, so a hostile document never reaches a recursive composer.
 */
public final class SafeYamlReader {

    private final YamlLimits limits;

    public SafeYamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    /** Thrown with the finding that stopped the read; the file yields no tree. */
    public static final class YamlReadException extends Exception {
        private final transient List<Finding> findings;

        YamlReadException(List<Finding> findings) {
            super(findings.get(0).format(), null, false, false);
            this.findings = List.copyOf(findings);
        }

        public List<Finding> findings() {
            return findings;
        }
    }

    /** A tree, with the problems found that did not stop the read (duplicate keys: the first one is kept). */
    public record Parsed(YamlNode root, List<Finding> findings) {
    }

    public Parsed read(Path path, String displayName) throws IOException, YamlReadException {
        checkSize(Files.size(path), displayName);
        return parse(Files.readAllBytes(path), displayName);
    }

    /** Refuses a file larger than the limits allow, before a byte of it is read. */
    public void checkSize(long size, String displayName) throws YamlReadException {
        if (size > limits.maxFileBytes()) {
            throw fail(displayName, 1, 1, "file-too-large",
                    "file is " + size + " bytes; an inventory file may be at most " + limits.maxFileBytes() + " bytes");
        }
    }

    /** A file's bytes, decoded as UTF-8 and parsed. */
    public Parsed parse(byte[] bytes, String displayName) throws YamlReadException {
        return parse(decode(bytes, displayName), displayName);
    }

    public Parsed parse(String text, String displayName) throws YamlReadException {
        checkIndentation(text, displayName);
        Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), new LoaderOptions());
        List<Finding> findings = new ArrayList<>();
        try {
            YamlNode root = build(parser, displayName, findings);
            return new Parsed(root, List.copyOf(findings));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw fail(displayName, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "yaml-syntax", problem + context);
        } catch (YAMLException e) {
            throw fail(displayName, 1, 1, "yaml-syntax", e.getMessage());
        }
    }

    private static String decode(byte[] bytes, String displayName) throws YamlReadException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw fail(displayName, line, column, "file-encoding",
                    String.format("invalid UTF-8 byte 0x%02X; inventory files must be UTF-8", bytes[bad] & 0xff));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** YAML forbids tabs in indentation; say so plainly, for every such line, instead of the scanner's first riddle. */
    private static void checkIndentation(String text, String displayName) throws YamlReadException {
        List<Finding> tabs = new ArrayList<>();
        int line = 1;
        boolean atIndent = true;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                atIndent = true;
                continue;
            }
            if (atIndent && c == '\t') {
                tabs.add(error(displayName, line, column, "yaml-tab", "tab character in indentation; indent with spaces"));
                atIndent = false;
            } else if (c != ' ') {
                atIndent = false;
            }
            column++;
        }
        if (!tabs.isEmpty()) {
            throw new YamlReadException(tabs);
        }
    }

    private YamlNode build(Parser parser, String file, List<Finding> findings) throws YamlReadException {
        Deque<Builder> stack = new ArrayDeque<>();
        Map<String, YamlNode> anchors = new HashMap<>();
        YamlNode root = null;
        int documents = 0;
        int aliases = 0;
        while (parser.peekEvent() != null) {
            Event event = parser.getEvent();
            Mark start = event.getStartMark();
            int line = start.getLine() + 1;
            int column = start.getColumn() + 1;
            switch (event.getEventId()) {
                case StreamStart, StreamEnd, DocumentEnd -> {
                }
                case DocumentStart -> {
                    if (++documents > 1) {
                        throw fail(file, line, column, "yaml-syntax", "more than one YAML document; an inventory file holds exactly one");
                    }
                }
                case Scalar, MappingStart, SequenceStart, Alias -> {
                    rejectTag(event, file, line, column);
                    YamlNode node = null;
                    if (event instanceof ScalarEvent scalar) {
                        node = new YamlNode.Scalar(scalar.getValue(), scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN, line, column);
                        remember(anchors, scalar.getAnchor(), node);
                    } else if (event instanceof AliasEvent alias) {
                        if (++aliases > limits.maxAliases()) {
                            throw fail(file, line, column, "yaml-alias", "more than " + limits.maxAliases() + " aliases in one file");
                        }
                        node = anchors.get(alias.getAnchor());
                        if (node == null) {
                            throw fail(file, line, column, "yaml-alias", "alias *" + alias.getAnchor() + " refers to no anchor defined before it");
                        }
                    } else {
                        if (stack.size() >= limits.maxDepth()) {
                            throw fail(file, line, column, "yaml-too-deep", "nesting deeper than " + limits.maxDepth() + " levels");
                        }
                        stack.push(new Builder(findings, file, event.getEventId() == Event.ID.MappingStart, ((CollectionStartEvent) event).getAnchor(), line, column));
                        continue;
                    }
                    root = add(stack, node, root);
                }
                case MappingEnd, SequenceEnd -> {
                    Builder done = stack.pop();
                    YamlNode node = done.finish();
                    if (node.weight() > limits.maxExpandedNodes()) {
                        throw fail(file, done.line, done.column, "yaml-alias",
                                "aliases expand this document beyond " + limits.maxExpandedNodes() + " nodes");
                    }
                    remember(anchors, done.anchor, node);
                    root = add(stack, node, root);
                }
            }
        }
        if (root == null || (root instanceof YamlNode.Scalar s && s.isNull())) {
            throw fail(file, 1, 1, "yaml-empty", "file is empty; expected a mapping");
        }
        return root;
    }

    private static void remember(Map<String, YamlNode> anchors, String anchor, YamlNode node) {
        if (anchor != null) {
            anchors.put(anchor, node);
        }
    }

    /** The parser reports a tag only where the document wrote one: no tag is honoured, so none is accepted. */
    private static void rejectTag(Event event, String file, int line, int column) throws YamlReadException {
        String tag = event instanceof ScalarEvent s ? s.getTag() : event instanceof CollectionStartEvent c ? c.getTag() : null;
        if (tag != null) {
            throw fail(file, line, column, "yaml-tag", "YAML tag " + tag + " is not allowed; inventory files hold plain data only");
        }
    }

    private static YamlNode add(Deque<Builder> stack, YamlNode node, YamlNode root) {
        if (stack.isEmpty()) {
            return node;
        }
        stack.peek().add(node);
        return root;
    }

    private static final class Builder {
        final List<Finding> findings;
        final String file;
        final boolean mapping;
        final String anchor;
        final int line;
        final int column;
        final Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        final List<YamlNode> items = new ArrayList<>();
        YamlNode.Scalar pendingKey;
        boolean skipValue;
        long weight = 1;

        Builder(List<Finding> findings, String file, boolean mapping, String anchor, int line, int column) {
            this.findings = findings;
            this.file = file;
            this.mapping = mapping;
            this.anchor = anchor;
            this.line = line;
            this.column = column;
        }

        void add(YamlNode node) {
            if (!mapping) {
                items.add(node);
                weight += node.weight();
                return;
            }
            if (pendingKey == null && !skipValue) {
                if (!(node instanceof YamlNode.Scalar key) || key.isNull()) {
                    findings.add(error(file, node.line(), node.column(), "yaml-key", "a key must be a plain name, not a " + describe(node)));
                    skipValue = true;
                    return;
                }
                YamlNode.Entry first = entries.get(key.value());
                if (first != null) {
                    findings.add(error(file, key.line(), key.column(), "yaml-duplicate-key",
                            "duplicate key '" + key.value() + "' (first at line " + first.keyLine() + "); the first one is used"));
                    skipValue = true;
                    return;
                }
                pendingKey = key;
                return;
            }
            if (skipValue) {
                skipValue = false;
                return;
            }
            entries.put(pendingKey.value(), new YamlNode.Entry(pendingKey.value(), pendingKey.line(), pendingKey.column(), node));
            weight += node.weight();
            pendingKey = null;
        }

        YamlNode finish() {
            return mapping ? new YamlNode.Mapping(entries, line, column, weight) : new YamlNode.Sequence(items, line, column, weight);
        }
    }

    static String describe(YamlNode node) {
        return node instanceof YamlNode.Mapping ? "mapping" : node instanceof YamlNode.Sequence ? "list" : "value";
    }

    private static Finding error(String file, int line, int column, String rule, String message) {
        return new Finding(Finding.Severity.ERROR, file, line, column, rule, "", message);
    }

    private static YamlReadException fail(String file, int line, int column, String rule, String message) {
        return new YamlReadException(List.of(error(file, line, column, rule, message)));
    }
}
