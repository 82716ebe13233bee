package jp.lgwan.routerconfig.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What {@link ConfigDiff} must know about one vendor's CLI dialect. Kept as data in
 * {@code templates/<profile>/dialect.yaml} so that a new vendor quirk is a YAML edit, not a subclass.
 *
 * @param profile          the vendor profile (template folder) this came from, {@code plain} for {@link #PLAIN}
 * @param commentPrefixes  a line whose trimmed text starts with one of these is a comment
 * @param volatileLines    lines the device rewrites by itself (timestamps, sizes); each must match the whole line
 * @param sectionStart     matches (at the line start) a line that opens a top-level section; its first capture
 *                         group, if it has one and it took part in the match, is the section's name, else the
 *                         matched text is; lines that do not match belong to the section above
 * @param orderInsensitive whether the order of top-level sections carries no meaning, so they may be sorted
 * @param keptComments     comment lines that start with one of these still count (FRR's "! host:"
 *                         lines carry intended host settings a diff must show); optional
 * @param cli              how a driver talks to the dialect's CLI (key {@code cli}); null where no driver exists yet
 * @param ownership        what of the router's config the project owns (key {@code owned}); required with {@code cli},
 *                         null where no driver pushes the dialect (then a diff compares everything)
 * @param secrets          lines whose secret the device shows in a form of its own (a hash, a {@code $9$} key): compared
 *                         by presence, never by value, and masked in every backup (key {@code secrets}); optional
 * @param hiddenLines      lines the device takes but never shows in its config (IOS {@code snmp-server user}): their
 *                         presence is read with a command of their own (key {@code hidden_lines}); optional
 */
public record Dialect(String profile, List<String> commentPrefixes, List<Pattern> volatileLines,
                      Pattern sectionStart, boolean orderInsensitive, List<String> keptComments, Cli cli,
                      Ownership ownership, List<Secret> secrets, List<HiddenLine> hiddenLines) {

    /** What a masked secret reads as, in comparisons and backups: like a placeholder, never typed. */
    public static final String MASK = "{{secret}}";

    /**
     * A line that carries a secret the device shows its own way: {@code match} (the whole line, leading
     * blanks stripped) is replaced by {@code masked} ({@code $1} … its groups) both to compare and to store;
     * {@code masked} must hold {@link #MASK} where the value was.
     */
    public record Secret(Pattern match, String masked) {
    }

    /**
     * A line the device never shows back: {@code show} (with {@code $1} the line's first group) prints
     * whether it exists, which it does when the output has a line matching {@code present} ({@code $1} likewise,
     * quoted).
     */
    public record HiddenLine(Pattern line, String show, String present) {

        /** The command that shows whether the line {@code matched} exists. */
        public String showFor(Matcher matched) {
            return show.replace("$1", matched.groupCount() >= 1 && matched.group(1) != null ? matched.group(1) : "");
        }

        /** Whether {@code output} of {@link #showFor} says the line exists. */
        public boolean presentIn(Matcher matched, String output) {
            String name = matched.groupCount() >= 1 && matched.group(1) != null ? matched.group(1) : "";
            Pattern shown = Pattern.compile(present.replace("$1", Pattern.quote(name)), Pattern.MULTILINE);
            return shown.matcher(output).find();
        }
    }

    /**
     * The CLI facts a driver needs, as data.
     *
     * @param prompt      matches the prompt at the very end of every answer, in every mode
     * @param sessionSetup commands sent once after login (paging off, width)
     * @param errors      a line of output matching one of these means the command was rejected
     * @param enterConfig the command that enters configuration mode
     * @param exitConfig  the command that leaves it
     * @param showConfig  the command that prints the running config
     * @param revertTimer the device's own commit-confirmed, or null when the service must guard the change
     * @param textBlock   matches a command after which the device reads free text with no prompt (a
     *                    banner) until a line equal to the pattern's group 1; null where there is none
     * @param negate      the prefix that undoes a line ({@code no }); how the service's watchdog reverts
     * @param negateWords commands whose undo keeps only their first N words ({@code description: 1}: FRR's
     *                    {@code no description} takes no text)
     * @param exitBlock   the command that leaves an interface-like block
     * @param negateStrips a prefix a line loses when negated (Junos: {@code set X} is undone by {@code delete X}); empty for none
     * @param displayUnquote matches a quoted word the device shows without its quotes (Junos quotes only words that
     *                    need it), group 1 being the word as shown; null where the device shows lines as typed
     * @param save        the command that makes the running config the one the router boots with, typed once a change
     *                    is confirmed (never before: an unconfirmed change must not survive a reload); empty where the
     *                    commit already persists it (Junos)
     * @param saveOk      a line the save's output must hold to count as saved (FRR's {@code [OK]}, which vtysh leaves
     *                    out after any warning); null where the device prints no such line
     * @param sessionStart where the login may land in a shell other than the CLI: how to recognise it and reach the CLI; null for none
     * @param question    a question the device asks before a destructive change, and the answer that declines it; null for none
     * @param preconditions what must hold on the router before anything is typed, each checked with a command
     * @param interfaceStatus how to read on the CLI what the platform does not expose over SNMP (link, speed, duplex,
     *                    description of an interface); null where SNMP has it all
     * @param session     how a session reaches the level where it may configure, which of its set-up lines are
     *                    configuration the session must put back, the questions it answers and how it logs out
     * @param configMode  what configuration mode looks like and which commands only work inside it
     * @param ping        how the router pings an address over its WAN and how its answer reads (key {@code ping}), for
     *                    the connectivity test (疎通試験); null where the dialect names none
     */
    public record Cli(Pattern prompt, List<String> sessionSetup, List<Pattern> errors, String enterConfig, String exitConfig,
                      String showConfig, RevertTimer revertTimer, Pattern textBlock, String negate, Map<String, Integer> negateWords,
                      String exitBlock, String negateStrips, Pattern displayUnquote, String save, Pattern saveOk,
                      SessionStart sessionStart, Question question, List<Precondition> preconditions,
                      InterfaceStatus interfaceStatus, Session session, ConfigMode configMode, Ping ping) {

        /** A config as the device shows it once loaded: the same statements, quoted only where the device quotes. */
        public String asDisplayed(String config) {
            return displayUnquote == null ? config : displayUnquote.matcher(config).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        }
    }

    /**
     * How the router pings (key {@code cli.ping}): the connectivity test's reachability of the node or
     * access point the router's line reaches (疎通試験).
     *
     * @param command        the command, {@code {address}} standing for the address pinged
     * @param summary        found in its output: groups {@code sent} and {@code received}, the echo requests sent and the
     *                       replies received
     * @param rtt            found in its output where a reply came: group {@code avg}, the average round trip in ms
     * @param interruptAfter where the command runs until interrupted (vtysh's {@code ping WORD} runs the host's ping with
     *                       no count), the time after which Ctrl-C ends it and the device prints its summary; null where the
     *                       command ends by itself
     */
    public record Ping(String command, Pattern summary, Pattern rtt, java.time.Duration interruptAfter) {

        /** The command for {@code address}. */
        public String commandFor(String address) {
            return command.replace("{address}", address);
        }

        /** What {@code output} says: the requests sent, the replies received and the average round trip (null where none came). */
        public PingResult parse(String output) {
            Matcher counts = summary.matcher(output);
            if (!counts.find()) {
                return new PingResult(0, 0, null, false);
            }
            int sent = Integer.parseInt(counts.group("sent"));
            int received = Integer.parseInt(counts.group("received"));
            Matcher round = rtt.matcher(output);
            Double avg = received > 0 && round.find() ? Double.valueOf(round.group("avg")) : null;
            return new PingResult(sent, received, avg, true);
        }
    }

    /**
     * A ping's answer as read: {@code readable} false where the output held no summary the dialect knows
     * (then nothing is known, and nothing counts as reached).
     */
    public record PingResult(int sent, int received, Double rttAvgMs, boolean readable) {
        /** At least one reply came. */
        public boolean reached() {
            return readable && received > 0;
        }
    }

    /** A login shell's prompt ({@code shellPrompt}) at which {@code command} starts the CLI (vtysh from bash). */
    public record SessionStart(Pattern shellPrompt, String command) {
    }

    /**
     * A question the device asks mid-command ({@code prompt}, matched at the end of its output so far) and the keys
     * that answer it: as {@link Cli#question} the answer that declines it (the command then fails), in
     * {@link Session#questions} the keys that answer it, typed as they are (the command goes on).
     */
    public record Question(Pattern prompt, String answer) {
    }

    /** {@code command}'s output must not match {@code refusedWhen}, or nothing is pushed, for {@code reason}. */
    public record Precondition(String command, Pattern refusedWhen, String reason) {
    }

    /**
     * How the CLI shows one interface (key {@code cli.interface_status}), for the post-check's facts
     * a platform does not expose over SNMP.
     *
     * @param command     the command that shows the interface's link, {@code {interface}} standing for its name
     * @param link        found in that command's output when the link is up; groups {@code speed} (Mbit/s, or Gbit/s
     *                    with a trailing {@code G}: {@code 100}, {@code 2.5G}) and {@code duplex} ({@code Full}/{@code Half})
     * @param description a line of the running config ({@code show_config}) holding the interface's description, in group
     *                    {@code description} (quotes, if any, are dropped); {@code {interface}} stands for its name
     */
    public record InterfaceStatus(String command, Pattern link, String description) {
    }

    /**
     * The life of one CLI session beyond its prompt (all optional: empty for a dialect that logs in
     * where it configures and ends by closing the channel).
     *
     * @param elevate          the step from the login level to the level that configures (Yamaha RTX: a login lands
     *                         at {@code >}, {@code administrator} and its password reach {@code #}); null where the
     *                         login level configures
     * @param setupRead        where the session set-up lines are configuration lines of the device (RTX
     *                         {@code console lines infinity}), the command that shows their values before the set-up
     *                         changes them; the driver types those values back (or undoes a setting that had none)
     *                         before a save and at logout, so the set-up is never saved nor left behind; empty where
     *                         the set-up touches no configuration
     * @param questions        questions the device may ask in the middle of a command, each answered with its keys
     *                         (RTX {@code Save new configuration ? (Y/N)} on leaving the administrator level: {@code N})
     * @param logout           the commands that end the session, the last one closing it; empty: the channel is closed
     */
    public record Session(Elevation elevate, String setupRead, List<Question> questions, List<String> logout) {
        public Session {
            questions = List.copyOf(questions);
            logout = List.copyOf(logout);
        }

        /**
         * The commands that put back what {@code setup} changed, from {@code shown} (what {@link #setupRead} printed
         * before): a setting shown before is typed as it was, one not shown is undone with {@code negate} and its
         * name (the line without its value: {@code no console lines}), as Yamaha's own collection restores them.
         */
        public List<String> restoring(List<String> setup, String shown, String negate) {
            List<String> shownLines = shown.lines().map(String::strip).toList();
            List<String> restore = new ArrayList<>();
            for (String line : setup) {
                String setting = line.contains(" ") ? line.substring(0, line.lastIndexOf(' ')) : line;
                restore.add(shownLines.stream().filter(l -> l.startsWith(setting + " ")).reduce((a, b) -> b).orElse(negate + setting));
            }
            return restore;
        }
    }

    /**
     * The step from the login level to the configuring level.
     *
     * @param command        what to type ({@code administrator})
     * @param passwordPrompt matches the end of the device's request for the level's password ({@code Password: })
     * @param elevatedPrompt matches a prompt already at the configuring level: a session that lands there skips the step
     */
    public record Elevation(String command, Pattern passwordPrompt, Pattern elevatedPrompt) {
    }

    /**
     * Configuration mode beyond entering and leaving it.
     *
     * @param prompt         matches a prompt inside configuration mode, at any depth; leaving repeats the exit command
     *                       while the prompt still matches (NEC IX leaves one level per {@code exit}); null where one exit
     *                       always leaves
     * @param showInside     whether the show command only works inside configuration mode (NEC IX)
     * @param saveInside     whether the save command only works inside configuration mode (NEC IX)
     */
    public record ConfigMode(Pattern prompt, boolean showInside, boolean saveInside) {
    }

    /**
     * A device-side commit-confirmed. IOS-XE arms it on entering configuration mode ({@code arm},
     * replacing {@code enter_config}); Junos with the commit after the lines are typed
     * ({@code commit}). Both use {@code {minutes}}. {@code confirm} keeps the change, {@code rollback}
     * restores the previous config at once, {@code discard} drops typed but uncommitted lines (sent
     * in configuration mode; where empty, a failed push is undone by {@code rollback} instead). {@code minutes} is
     * what the device takes: the time asked for is rounded up to whole minutes and kept within it.
     */
    public record RevertTimer(String arm, String commit, List<String> confirm, List<String> rollback, List<String> discard,
                              int minMinutes, int maxMinutes) {
        public RevertTimer {
            confirm = List.copyOf(confirm);
            rollback = List.copyOf(rollback);
            discard = List.copyOf(discard);
        }

        /** {@code revertIn} in the whole minutes the device takes: rounded up, then kept within its range. */
        public int minutes(java.time.Duration revertIn) {
            long minutes = (revertIn.toSeconds() + 59) / 60;
            return (int) Math.max(minMinutes, Math.min(maxMinutes, minutes));
        }
    }

    public static final Dialect PLAIN = new Dialect("plain", List.of(), List.of(), Pattern.compile("\\S.*"), false, List.of(), null,
            null, List.of(), List.of());

    private static final Set<String> KEYS = Set.of("comment_prefixes", "volatile_lines", "section_start", "order_insensitive", "kept_comments", "cli",
            "owned", "secrets", "hidden_lines");
    private static final Set<String> CLI_KEYS = Set.of("prompt", "session_setup", "errors", "enter_config", "exit_config", "show_config",
            "revert_timer", "text_block", "negate", "negate_words", "exit_block", "negate_strips", "display_unquote", "save", "save_ok",
            "session_start", "question", "preconditions", "interface_status",
            "elevate", "session_setup_read", "questions", "logout", "config_prompt", "in_config_mode", "ping");
    private static final Set<String> PING_KEYS = Set.of("command", "summary", "rtt", "interrupt_after");
    private static final Set<String> INTERFACE_STATUS_KEYS = Set.of("command", "link", "description");
    private static final Set<String> REVERT_KEYS = Set.of("arm", "commit", "confirm", "rollback", "discard", "minutes");
    private static final Set<String> OWNED_KEYS = Set.of("line", "scope", "sub_lines");
    private static final Set<String> ELEVATE_KEYS = Set.of("command", "password_prompt", "elevated_prompt");
    private static final Set<String> QUESTION_KEYS = Set.of("prompt", "answer");
    private static final Set<String> IN_CONFIG_MODE = Set.of("show_config", "save");
    // The profile becomes a path segment: keep it to a folder name, never "..", "/" or an absolute path.
    private static final Pattern PROFILE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** A dialect file that is missing, unreadable or wrong; the message names the file. */
    public static final class InvalidDialectException extends RuntimeException {
        public InvalidDialectException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Dialect {
        commentPrefixes = List.copyOf(commentPrefixes);
        volatileLines = List.copyOf(volatileLines);
        keptComments = List.copyOf(keptComments);
        secrets = List.copyOf(secrets);
        hiddenLines = List.copyOf(hiddenLines);
        if (commentPrefixes.stream().anyMatch(String::isBlank)) {
            // a blank prefix would make every line a comment and hide every change
            throw new IllegalArgumentException("a comment prefix must not be blank");
        }
    }

    /**
     * The dialect as the device sees it: comment lines a diff between renders keeps (FRR's
     * {@code ! host:} lines) are still comments to a device, which never stores them.
     */
    public Dialect onDevice() {
        return keptComments.isEmpty() ? this
                : new Dialect(profile, commentPrefixes, volatileLines, sectionStart, orderInsensitive, List.of(), cli, ownership, secrets,
                hiddenLines);
    }

    /**
     * The part of {@code config} the project owns ({@link Ownership}), {@code rendered} saying which sections exist;
     * all of it where the dialect declares no ownership.
     */
    public String owned(String config, String rendered) {
        return ownership == null ? config : ownership.project(this, config, rendered);
    }

    /** The part of {@code config} the project does not own ({@link Ownership#rest}); nothing where the dialect declares no ownership. */
    public String unowned(String config, String rendered) {
        return ownership == null ? "" : ownership.rest(this, config, rendered);
    }

    /** A line as compared: a secret the device shows its own way replaced by {@link #MASK} (indentation kept). */
    public String comparable(String line) {
        if (secrets.isEmpty()) {
            return line;
        }
        String stripped = line.stripLeading();
        for (Secret secret : secrets) {
            Matcher m = secret.match().matcher(stripped.stripTrailing());
            if (m.matches()) {
                return line.substring(0, line.length() - stripped.length()) + m.replaceAll(secret.masked());
            }
        }
        return line;
    }

    /** A config with every secret line masked ({@link #comparable}): what a backup stores. */
    public String maskSecrets(String config) {
        if (secrets.isEmpty()) {
            return config;
        }
        StringBuilder out = new StringBuilder();
        for (String line : config.split("\\R", -1)) {
            out.append(comparable(line)).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    public boolean isComment(String line) {
        String trimmed = line.strip();
        return commentPrefixes.stream().anyMatch(trimmed::startsWith) && keptComments.stream().noneMatch(trimmed::startsWith);
    }

    public boolean isVolatile(String line) {
        return volatileLines.stream().anyMatch(p -> p.matcher(line).matches());
    }

    /** The name of the section {@code line} opens, or null if it continues the section above. */
    public String sectionName(String line) {
        Matcher m = sectionStart.matcher(line);
        if (!m.lookingAt()) {
            return null;
        }
        String name = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
        return name.isBlank() ? line.strip() : name.strip();
    }

    /** Reads {@code <templatesDir>/<profile>/dialect.yaml}. */
    public static Dialect load(Path templatesDir, String profile) {
        if (profile == null || !PROFILE.matcher(profile).matches()) {
            throw new IllegalArgumentException("not a vendor profile name: " + profile);
        }
        Path file = templatesDir.resolve(profile).resolve("dialect.yaml");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw invalid(file, "cannot be read (" + e + ")", e);
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw invalid(file, "is not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw invalid(file, "must be a mapping with the keys " + new TreeSet<>(KEYS), null);
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw invalid(file, "unknown key '" + key + "' (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")", null);
            }
        }
        try {
            Dialect dialect = new Dialect(profile,
                    strings(file, map, "comment_prefixes"),
                    strings(file, map, "volatile_lines").stream().map(Pattern::compile).toList(),
                    Pattern.compile(string(file, map, "section_start")),
                    bool(file, map, "order_insensitive"),
                    map.containsKey("kept_comments") ? strings(file, map, "kept_comments") : List.of(),
                    map.containsKey("cli") ? cli(file, mapping(file, map.get("cli"), "cli", CLI_KEYS)) : null,
                    map.containsKey("owned") ? ownership(file, map.get("owned")) : null,
                    map.containsKey("secrets") ? secrets(file, map.get("secrets")) : List.of(),
                    map.containsKey("hidden_lines") ? hiddenLines(file, map.get("hidden_lines")) : List.of());
            if (dialect.cli() != null && dialect.ownership() == null) {
                // a driver that knew no ownership would compare and push the whole running config: undo everything unrendered
                throw invalid(file, "has 'cli' but no 'owned': say which part of the router's config the project owns", null);
            }
            return dialect;
        } catch (PatternSyntaxException e) {
            throw invalid(file, "has a bad regular expression: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage(), e);
        }
    }

    private static Cli cli(Path file, Map<?, ?> cli) {
        RevertTimer timer = null;
        if (cli.get("revert_timer") != null) {
            Map<?, ?> revert = mapping(file, cli.get("revert_timer"), "cli.revert_timer", REVERT_KEYS);
            timer = new RevertTimer(revert.get("arm") == null ? null : string(file, revert, "arm"),
                    revert.get("commit") == null ? null : string(file, revert, "commit"),
                    stringOrList(file, revert, "confirm"), stringOrList(file, revert, "rollback"),
                    revert.get("discard") == null ? List.of() : stringOrList(file, revert, "discard"),
                    revert.get("minutes") == null ? 1 : range(file, revert.get("minutes"))[0],
                    revert.get("minutes") == null ? Integer.MAX_VALUE : range(file, revert.get("minutes"))[1]);
        }
        SessionStart start = null;
        if (cli.get("session_start") != null) {
            Map<?, ?> s = mapping(file, cli.get("session_start"), "cli.session_start", Set.of("shell_prompt", "command"));
            start = new SessionStart(Pattern.compile(string(file, s, "shell_prompt")), string(file, s, "command"));
        }
        Question question = null;
        if (cli.get("question") != null) {
            Map<?, ?> q = mapping(file, cli.get("question"), "cli.question", Set.of("prompt", "answer"));
            question = new Question(Pattern.compile(string(file, q, "prompt")), string(file, q, "answer"));
        }
        List<Precondition> preconditions = new ArrayList<>();
        for (Map<?, ?> p : mappings(file, cli.get("preconditions"), "cli.preconditions", Set.of("command", "refused_when", "reason"))) {
            preconditions.add(new Precondition(string(file, p, "command"), Pattern.compile(string(file, p, "refused_when"), Pattern.MULTILINE),
                    string(file, p, "reason")));
        }
        return new Cli(Pattern.compile(string(file, cli, "prompt")), strings(file, cli, "session_setup"),
                strings(file, cli, "errors").stream().map(e -> Pattern.compile(e, Pattern.MULTILINE)).toList(),
                optional(cli, "enter_config"), optional(cli, "exit_config"), string(file, cli, "show_config"), timer,
                cli.get("text_block") == null ? null : Pattern.compile(string(file, cli, "text_block")),
                cli.get("negate") == null ? "no " : (String) cli.get("negate"),
                negateWords(file, cli.get("negate_words")),
                cli.get("exit_block") == null ? "exit" : string(file, cli, "exit_block"),
                cli.get("negate_strips") == null ? "" : string(file, cli, "negate_strips"),
                cli.get("display_unquote") == null ? null : Pattern.compile(string(file, cli, "display_unquote")),
                optional(cli, "save"),
                cli.get("save_ok") == null ? null : Pattern.compile(string(file, cli, "save_ok"), Pattern.MULTILINE),
                start, question, List.copyOf(preconditions), interfaceStatus(file, cli.get("interface_status")),
                session(file, cli), configMode(file, cli), ping(file, cli.get("ping")));
    }

    private static Ping ping(Path file, Object value) {
        if (value == null) {
            return null;
        }
        Map<?, ?> ping = mapping(file, value, "cli.ping", PING_KEYS);
        String command = string(file, ping, "command");
        if (!command.contains("{address}")) {
            throw invalid(file, "'cli.ping.command' must hold {address}", null);
        }
        Pattern summary = Pattern.compile(string(file, ping, "summary"), Pattern.MULTILINE);
        if (!summary.pattern().contains("(?<sent>") || !summary.pattern().contains("(?<received>")) {
            throw invalid(file, "'cli.ping.summary' must have the groups (?<sent>...) and (?<received>...)", null);
        }
        Pattern rtt = Pattern.compile(string(file, ping, "rtt"), Pattern.MULTILINE);
        if (!rtt.pattern().contains("(?<avg>")) {
            throw invalid(file, "'cli.ping.rtt' must have the group (?<avg>...)", null);
        }
        java.time.Duration interrupt = null;
        if (ping.get("interrupt_after") != null) {
            if (!(ping.get("interrupt_after") instanceof Integer seconds) || seconds < 1 || seconds > 60) {
                throw invalid(file, "'cli.ping.interrupt_after' must be whole seconds from 1 to 60", null);
            }
            interrupt = java.time.Duration.ofSeconds(seconds);
        }
        return new Ping(command, summary, rtt, interrupt);
    }

    /** {@code minutes: [MIN, MAX]}: the revert timer's range on the device. */
    private static int[] range(Path file, Object value) {
        if (!(value instanceof List<?> list) || list.size() != 2 || !(list.get(0) instanceof Integer min) || !(list.get(1) instanceof Integer max)
                || min < 1 || max < min) {
            throw invalid(file, "'cli.revert_timer.minutes' must be [MIN, MAX], whole numbers with 1 <= MIN <= MAX", null);
        }
        return new int[] {min, max};
    }

    private static Ownership ownership(Path file, Object value) {
        List<Ownership.Rule> rules = new ArrayList<>();
        List<Map<?, ?>> entries = mappings(file, value, "owned", OWNED_KEYS);
        for (int i = 0; i < entries.size(); i++) {
            Map<?, ?> entry = entries.get(i);
            String where = "owned[" + i + "]";
            Object scope = entry.get("scope");
            if (scope != null && !"all".equals(scope) && !"rendered".equals(scope)) {
                throw invalid(file, "'" + where + ".scope' must be all or rendered, found: " + scope, null);
            }
            if (!(entry.get("line") instanceof String line) || line.isEmpty()) {
                throw invalid(file, "'" + where + ".line' must be a non-empty string", null);
            }
            List<Pattern> subLines = entry.containsKey("sub_lines")
                    ? strings(file, entry, "sub_lines").stream().map(Pattern::compile).toList() : null;
            rules.add(new Ownership.Rule(Pattern.compile(line), "rendered".equals(scope) ? Ownership.Scope.RENDERED : Ownership.Scope.ALL,
                    subLines));
        }
        if (rules.isEmpty()) {
            throw invalid(file, "'owned' must name at least one rule", null);
        }
        return new Ownership(rules);
    }

    private static List<Secret> secrets(Path file, Object value) {
        List<Secret> secrets = new ArrayList<>();
        for (Map<?, ?> entry : mappings(file, value, "secrets", Set.of("match", "masked"))) {
            Pattern match = Pattern.compile(string(file, entry, "match"));
            String masked = string(file, entry, "masked");
            if (!masked.contains(MASK)) {
                throw invalid(file, "'secrets' entry for '" + match + "': 'masked' must hold " + MASK + " where the secret was", null);
            }
            java.util.regex.Matcher groups = Pattern.compile("\\$(\\d)").matcher(masked);
            while (groups.find()) {
                if (Integer.parseInt(groups.group(1)) > match.matcher("").groupCount()) {
                    throw invalid(file, "'secrets' entry for '" + match + "': 'masked' names group $" + groups.group(1) + ", which 'match' lacks", null);
                }
            }
            secrets.add(new Secret(match, masked));
        }
        return List.copyOf(secrets);
    }

    private static List<HiddenLine> hiddenLines(Path file, Object value) {
        List<HiddenLine> hidden = new ArrayList<>();
        for (Map<?, ?> entry : mappings(file, value, "hidden_lines", Set.of("line", "show", "present"))) {
            hidden.add(new HiddenLine(Pattern.compile(string(file, entry, "line")), string(file, entry, "show"), string(file, entry, "present")));
        }
        return List.copyOf(hidden);
    }

    /** A list of mappings with the given keys; null is an empty list. */
    private static List<Map<?, ?>> mappings(Path file, Object value, String key, Set<String> keys) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(file, "'" + key + "' must be a list of mappings", null);
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(mapping(file, list.get(i), key + "[" + i + "]", keys));
        }
        return out;
    }

    private static InterfaceStatus interfaceStatus(Path file, Object value) {
        if (value == null) {
            return null;
        }
        Map<?, ?> status = mapping(file, value, "cli.interface_status", INTERFACE_STATUS_KEYS);
        Pattern link = Pattern.compile(string(file, status, "link"));
        if (!link.pattern().contains("(?<speed>") || !link.pattern().contains("(?<duplex>")) {
            throw invalid(file, "'cli.interface_status.link' must have the groups (?<speed>...) and (?<duplex>...)", null);
        }
        String description = string(file, status, "description");
        if (!description.contains("(?<description>")) {
            throw invalid(file, "'cli.interface_status.description' must have the group (?<description>...)", null);
        }
        Pattern.compile(description.replace("{interface}", "x"));
        return new InterfaceStatus(string(file, status, "command"), link, description);
    }

    private static Session session(Path file, Map<?, ?> cli) {
        Elevation elevation = null;
        if (cli.get("elevate") != null) {
            Map<?, ?> elevate = mapping(file, cli.get("elevate"), "cli.elevate", ELEVATE_KEYS);
            elevation = new Elevation(string(file, elevate, "command"), Pattern.compile(string(file, elevate, "password_prompt")),
                    Pattern.compile(string(file, elevate, "elevated_prompt")));
        }
        List<Question> questions = new ArrayList<>();
        if (cli.get("questions") != null) {
            if (!(cli.get("questions") instanceof List<?> list)) {
                throw invalid(file, "'cli.questions' must be a list of {prompt, answer}", null);
            }
            for (Object item : list) {
                Map<?, ?> question = mapping(file, item, "cli.questions[]", QUESTION_KEYS);
                questions.add(new Question(Pattern.compile(string(file, question, "prompt")), string(file, question, "answer")));
            }
        }
        return new Session(elevation, optional(cli, "session_setup_read"), questions,
                cli.get("logout") == null ? List.of() : strings(file, cli, "logout"));
    }

    private static ConfigMode configMode(Path file, Map<?, ?> cli) {
        List<String> inside = cli.get("in_config_mode") == null ? List.of() : strings(file, cli, "in_config_mode");
        for (String command : inside) {
            if (!IN_CONFIG_MODE.contains(command)) {
                throw invalid(file, "'cli.in_config_mode' may name " + new TreeSet<>(IN_CONFIG_MODE) + ", not '" + command + "'", null);
            }
        }
        return new ConfigMode(cli.get("config_prompt") == null ? null : Pattern.compile(string(file, cli, "config_prompt")),
                inside.contains("show_config"), inside.contains("save"));
    }

    /** A command that may be empty: a dialect without a configuration mode has no enter or exit. */
    private static String optional(Map<?, ?> map, String key) {
        return map.get(key) == null ? "" : String.valueOf(map.get(key));
    }

    private static List<String> stringOrList(Path file, Map<?, ?> map, String key) {
        return required(file, map, key) instanceof String single ? List.of(single) : strings(file, map, key);
    }

    private static Map<String, Integer> negateWords(Path file, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(file, "'cli.negate_words' must map a command to a number of words", null);
        }
        Map<String, Integer> words = new java.util.HashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof Integer n) || n < 1) {
                throw invalid(file, "'cli.negate_words." + entry.getKey() + "' must be a whole number of at least 1", null);
            }
            words.put(String.valueOf(entry.getKey()), n);
        }
        return Map.copyOf(words);
    }

    private static Map<?, ?> mapping(Path file, Object value, String key, Set<String> keys) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(file, "'" + key + "' must be a mapping", null);
        }
        for (Object k : map.keySet()) {
            if (!keys.contains(String.valueOf(k))) {
                throw invalid(file, "unknown key '" + key + "." + k + "' (known: " + String.join(", ", new TreeSet<>(keys)) + ")", null);
            }
        }
        return map;
    }

    private static List<String> strings(Path file, Map<?, ?> map, String key) {
        if (!(required(file, map, key) instanceof List<?> list)) {
            throw invalid(file, "'" + key + "' must be a list of strings", null);
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw invalid(file, "'" + key + "' must be a list of strings, found: " + item, null);
            }
            out.add(s);
        }
        return out;
    }

    private static String string(Path file, Map<?, ?> map, String key) {
        if (!(required(file, map, key) instanceof String s) || s.isEmpty()) {
            throw invalid(file, "'" + key + "' must be a non-empty string", null);
        }
        return s;
    }

    private static boolean bool(Path file, Map<?, ?> map, String key) {
        if (!(required(file, map, key) instanceof Boolean b)) {
            throw invalid(file, "'" + key + "' must be true or false", null);
        }
        return b;
    }

    private static Object required(Path file, Map<?, ?> map, String key) {
        if (!map.containsKey(key)) {
            throw invalid(file, "missing key '" + key + "'", null);
        }
        return map.get(key);
    }

    private static InvalidDialectException invalid(Path file, String problem, Throwable cause) {
        return new InvalidDialectException(file + ": " + problem, cause);
    }
}
