package jp.lgwan.routerconfig.lab;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;

/**
 * One SSH session on a virtual Cisco IOS-XE router: the CLI subset our driver uses (shared/VENDORS.md
 * §1), over a running config held as text lines.
 *
 * <p>The running config, the revert timer and the {@link VirtualRouter} belong to a {@link Device}
 * (one per virtual router); every SSH connection gets its own session on it:
 * <pre>{@code
 * IosXeCli.Device device = new IosXeCli.Device(router, renderedConfig, clock, timers);
 * VirtualSshServer.start(hostKey, operatorKey, null, device::newSession);
 * }</pre>
 * {@link #IosXeCli(VirtualRouter, String, Clock, ScheduledExecutorService)} is a shortcut for a
 * session on a device of its own.
 *
 * <p>What a session emulates:
 * <ul>
 * <li>Exec (privilege 15 at login, prompt {@code HOST#}): {@code terminal length|width N},
 *     {@code show running-config [interface NAME]}, {@code show archive config rollback timer},
 *     {@code show privilege}, {@code write [memory]}, {@code configure terminal [revert timer N]},
 *     {@code configure confirm}, {@code configure revert now}, {@code configure revert timer N}
 *     (re-arms a pending timer), {@code enable} (no-op), {@code exit}/{@code logout} (close).</li>
 * <li>Config modes {@code (config)}, {@code (config-if)}, {@code (config-pmap)},
 *     {@code (config-pmap-c)}, {@code (config-line)}, {@code (config-std-nacl)},
 *     {@code (config-archive)}; {@code exit} leaves one level, {@code end} returns to exec,
 *     {@code do CMD} runs an exec command, a line starting with {@code !} is a comment. As on IOS, a
 *     line the current sub-mode does not know is tried in the parent modes (leaving the sub-mode),
 *     so a rendered config can be pasted line by line; leading blanks are ignored.</li>
 * <li>Keywords may be abbreviated to a unique prefix ({@code conf t}, {@code sh run}), interface
 *     types too ({@code int gi0/0/1}); the running config stores the full words. A prefix that
 *     fits several keywords is {@code % Ambiguous command:  "LINE"}.</li>
 * <li>Errors: the caret line (blanks up to the offending word, counted from the start of the
 *     prompt as the terminal echoed it) then {@value #INVALID_INPUT} and a blank line;
 *     {@value #INCOMPLETE} and a blank line.</li>
 * <li>Banners: {@code banner login ^C} (or any delimiter character) prints
 *     {@code Enter TEXT message.  End with the character '^C'.}, then reads text lines <em>with no
 *     prompt</em> until a line holding the delimiter, as IOS does; stored with {@code ^C}
 *     delimiters.</li>
 * <li>A change inside an {@code interface} block is pushed to the {@link VirtualRouter} (for ports
 *     it knows): description, mode and admin status. Mode: {@code negotiation auto} present, or no
 *     {@code speed} line, or {@code speed auto} = auto; else {@code speed N} with {@code duplex
 *     full|half}, and without a duplex line (or {@code duplex auto}) the IOS rule: full at 1000 and
 *     above, half at 10/100. {@code shutdown} = admin down; {@code no shutdown} removes the line
 *     (IOS does not show it).</li>
 * <li>The revert timer needs the archive ({@code archive} with {@code path}): without it
 *     {@code configure terminal revert timer N} prints {@value #ARCHIVE_OFF} and stays in exec, and
 *     {@code show archive} prints {@value #ARCHIVE_NOT_ENABLED} (napalm-automation/napalm napalm/ios/ios.py _check_archive_feature; Cisco "Configuration Rollback Confirmed Change", cisco.com/c/en/us/td/docs/routers/ios/config/17-x/syst-mgmt/b-system-management/m_cm-config-rollback-confirmed-change.html).</li>
 * <li>{@code snmp-server user} lines are taken but never shown in show running-config; {@code show
 *     snmp user [NAME]} lists them (ansible-collections/cisco.ios plugins/modules/ios_snmp_server.py;
 *     CiscoTestAutomation/genieparser src/genie/libs/parser/iosxe/show_snmp.py).</li>
 * <li>{@code no username NAME} asks {@value #REMOVE_USER} with no prompt after it; Return or {@code y}
 *     removes the user, {@code n} keeps it (napalm-automation/napalm napalm/ios/ios.py _commit_handler;
 *     ansible-collections/cisco.ios plugins/modules/ios_user.py user_del_cmd).</li>
 * <li>{@code hostname} with dots prints {@value #ILLEGAL_HOSTNAME} and takes the name anyway (a 3rd-party capture, no
 *     public address kept: UNCONFIRMED on 17.18; Cisco's hostname reference allows no dots).</li>
 * </ul>
 *
 * <p>Every behaviour with its source, or UNCONFIRMED: templates/README.md, "Emulated behaviours and
 * their sources".
 *
 * <p>Simplified: no privilege levels or {@code enable} password; the rollback timer output
 * has no {@code User:} line; the startup config {@code write memory} saves is kept but only
 * reported ({@link Device#startupConfig()}: no reload);
 * the prompt does not abbreviate long hostnames (it follows the {@code hostname} line of the running
 * config, the router's hostname at start); {@code no interface} deletes even a physical interface
 * (the port then goes to auto, no description, admin up); new top-level lines go after the last line
 * of their kind, or before the final {@code !}; sub-lines keep their place when replaced, new ones go
 * last in their block. Output lines end in {@code \n} (the SSH server turns them into CRLF).
 */
public final class IosXeCli extends LabCliSession {

    public static final String ENTER_CONFIG = "Enter configuration commands, one per line.  End with CNTL/Z.";
    public static final String INVALID_INPUT = "% Invalid input detected at '^' marker.";
    public static final String INCOMPLETE = "% Incomplete command.";
    public static final String NO_ROLLBACK_PENDING = "No Rollback Confirmed Change pending";
    /** {@code show archive} without {@code archive}/{@code path} (napalm-automation/napalm napalm/ios/ios.py _check_archive_feature). */
    public static final String ARCHIVE_NOT_ENABLED = "Archive feature not enabled";
    /**
     * {@code configure terminal revert timer N} without the archive feature. NAPALM (napalm/ios/ios.py commit_config)
     * checks for this text after {@code configure replace}; that the revert timer prints the same: UNCONFIRMED.
     */
    public static final String ARCHIVE_OFF = "%Please turn config archive on";
    /**
     * What {@code no username NAME} asks before it removes the user (napalm-automation/napalm napalm/ios/ios.py _commit_handler "username removal prompts for
     * confirmation"; ansible-collections/cisco.ios plugins/modules/ios_user.py user_del_cmd: prompt "This operation will
     * remove all username related configurations with same name", answer "y"); no prompt follows until it is answered.
     */
    public static final String REMOVE_USER = "This operation will remove all username related configurations with same name.Do you want to continue? [confirm]";
    /** A {@code hostname} with dots: printed, and the name is taken anyway (a 3rd-party capture; UNCONFIRMED on 17.18). */
    public static final String ILLEGAL_HOSTNAME = "% Hostname contains one or more illegal characters.";

    /** IOS time stamps: {@code 10:00:00 JST Wed Nov 25 2026}. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss 'JST' EEE MMM d yyyy", Locale.US)
            .withZone(ZoneId.of("Asia/Tokyo"));

    private enum Mode {
        EXEC(null), CONFIG("config"), INTERFACE("config-if"), POLICY_MAP("config-pmap"), POLICY_CLASS("config-pmap-c"),
        LINE("config-line"), STD_ACL("config-std-nacl"), ARCHIVE("config-archive");

        final String tag;

        Mode(String tag) {
            this.tag = tag;
        }
    }

    private final Device device;
    /** EXEC at the bottom, then CONFIG, then the sub-modes entered. */
    private final List<Mode> modes = new ArrayList<>(List.of(Mode.EXEC));
    /** The block headers of the sub-modes (one per mode above CONFIG), from the top level down. */
    private final List<String> path = new ArrayList<>();
    private PendingBanner pendingBanner;
    /** A {@code [confirm]} question waiting for its answer: what a yes does. */
    private Runnable pendingConfirm;

    private record PendingBanner(String kind, String delimiter, List<String> lines) {
    }

    /** A session on the shared device (one per SSH connection). */
    public IosXeCli(Device device) {
        super(device);
        this.device = device;
    }

    /** A session on a device of its own; see {@link Device#Device}. */
    public IosXeCli(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
        this(new Device(router, initialRunningConfig, clock, timers));
    }

    public Device device() {
        return device;
    }

    /** No prompt while a banner's text is being typed, as on IOS. */
    @Override
    protected String currentPrompt() {
        if (pendingBanner != null || pendingConfirm != null) {
            return "";
        }
        Mode mode = modes.get(modes.size() - 1);
        return device.hostname() + (mode == Mode.EXEC ? "#" : "(" + mode.tag + ")#");
    }

    @Override
    protected String answer(String line) {
        String typedAt = currentPrompt();
        return device.change(() -> pendingConfirm != null ? confirmation(line) : pendingBanner != null ? bannerText(line) : execute(line, typedAt));
    }

    /** The answer to {@code [confirm]}: Return or y does it, anything else declines (IOS: "n" declines). */
    private String confirmation(String line) {
        Runnable yes = pendingConfirm;
        pendingConfirm = null;
        String answer = line.strip().toLowerCase(Locale.ROOT);
        if (answer.isEmpty() || answer.equals("y") || answer.equals("yes")) {
            yes.run();
        }
        return "";
    }


    // ---------------------------------------------------------------- dispatch

    private String execute(String line, String typedAt) {
        String stripped = line.strip();
        if (stripped.isEmpty() || stripped.startsWith("!")) {
            return "";
        }
        Parsed best = null;
        int lowest = modes.size() == 1 ? 0 : 1;
        for (int level = modes.size() - 1; level >= lowest; level--) {
            Parsed parsed = parse(modes.get(level), line, 0);
            if (parsed.command() != null) {
                while (modes.size() > level + 1) {
                    modes.remove(modes.size() - 1);
                }
                while (path.size() > Math.max(0, level - 1)) {
                    path.remove(path.size() - 1);
                }
                try {
                    return parsed.command().action().run(this, parsed.match());
                } catch (Rejected rejected) {
                    return problem(rejected.parsed, typedAt, line);
                }
            }
            if (best == null || parsed.progress() > best.progress()) {
                best = parsed;
            }
        }
        return problem(best, typedAt, line);
    }

    private static String problem(Parsed parsed, String typedAt, String line) {
        return switch (parsed.problem()) {
            case INVALID -> " ".repeat(typedAt.length() + parsed.at()) + "^\n" + INVALID_INPUT + "\n\n";
            case INCOMPLETE -> INCOMPLETE + "\n\n";
            case AMBIGUOUS -> "% Ambiguous command:  \"" + line.strip() + "\"\n";
        };
    }

    // ---------------------------------------------------------------- exec actions

    private String showRun() {
        List<String> lines = device.lines();
        return "Building configuration...\n\nCurrent configuration : " + bytes(lines) + " bytes\n!\n! Last configuration change at "
                + STAMP.format(device.lastChange) + "\n" + join(lines) + "end\n";
    }

    private String showRunInterface(Match m) {
        Node block = device.root.find(m.text().substring("show running-config ".length()));
        if (block == null) {
            throw new Rejected(Parsed.invalid(m.starts().get(3)));
        }
        Node holder = new Node("");
        holder.children.add(block);
        List<String> lines = holder.lines();
        return "Building configuration...\n\nCurrent configuration : " + bytes(lines) + " bytes\n!\n" + join(lines) + "end\n";
    }

    private String enterConfig(int revertMinutes) {
        if (revertMinutes > 0) {
            if (!device.archived()) {
                // the revert timer keeps its snapshot in the archive (Cisco "Configuration Rollback Confirmed Change": "You must configure a configuration archive
                // before performing this procedure"]; stays in exec
                return ARCHIVE_OFF + "\n";
            }
            device.arm(revertMinutes);
        }
        modes.add(Mode.CONFIG);
        return ENTER_CONFIG + "\n";
    }

    private String doExec(Match m) {
        Parsed parsed = parse(Mode.EXEC, m.line(), m.restStart());
        if (parsed.command() == null) {
            throw new Rejected(parsed);
        }
        String head = parsed.match().words().get(0);
        if (head.equals("configure") || head.equals("exit") || head.equals("logout")) {
            throw new Rejected(Parsed.invalid(parsed.match().starts().get(0)));
        }
        return parsed.command().action().run(this, parsed.match());
    }

    /**
     * {@code show archive}: "Archive feature not enabled" without {@code archive}/{@code path}
     * (napalm-automation/napalm napalm/ios/ios.py _check_archive_feature); with it, the form below (UNCONFIRMED beyond its first line's
     * absence of that text: only that matters to a driver).
     */
    private String showArchive() {
        if (!device.archived()) {
            return ARCHIVE_NOT_ENABLED + "\n";
        }
        return "The maximum archive configurations allowed is 14.\nThe next archive file will be named " + device.archivePath()
                + "-1\n Archive #  Name\n   1        \n";
    }

    /**
     * {@code show snmp user [NAME]}: one paragraph per user, as Cisco's parser for it reads them
     * (CiscoTestAutomation/genieparser src/genie/libs/parser/iosxe/show_snmp.py ShowSnmpUser: "User name:",
     * "Engine ID:", "storage-type: nonvolatile	 active", "Authentication Protocol:", "Privacy Protocol:",
     * "Group-name:"). UNCONFIRMED: the protocol names printed for {@code sha-2 256} / {@code aes 128}, and
     * that an unknown NAME prints nothing.
     */
    private String showSnmpUser(String name) {
        StringBuilder out = new StringBuilder();
        device.snmpUsers().forEach((user, line) -> {
            if (name == null || name.equals(user)) {
                List<String> w = words(line);
                String auth = line.contains(" auth sha-2 256 ") ? "SHA-2 256" : line.contains(" auth sha ") ? "SHA" : line.contains(" auth md5 ") ? "MD5" : "None";
                String priv = line.contains(" priv aes 128 ") ? "AES128" : line.contains(" priv aes 256 ") ? "AES256" : line.contains(" priv des ") ? "DES" : "None";
                out.append("User name: ").append(user).append("\nEngine ID: 800000090300A0DE00000001\nstorage-type: nonvolatile\t active\n")
                        .append("Authentication Protocol: ").append(auth).append("\nPrivacy Protocol: ").append(priv)
                        .append("\nGroup-name: ").append(w.size() > 3 ? w.get(3) : "").append("\n\n");
            }
        });
        return out.toString();
    }

    // ---------------------------------------------------------------- config actions

    /** {@code hostname NAME}: one with dots is warned about and taken anyway (3rd-party capture; UNCONFIRMED on 17.18). */
    private String hostname(Match m) {
        set(m.text(), 1);
        return m.words().get(1).contains(".") ? ILLEGAL_HOSTNAME + "\n" : "";
    }

    /** {@code no username NAME}: asks first; the user goes only once the answer says yes. */
    private String removeUser(Match m) {
        String name = m.words().get(2);
        pendingConfirm = () -> device.change(() -> unset("no username " + name, 2));
        return REMOVE_USER;
    }

    /** The block the current mode edits (the top level in config mode), made again if another session removed it. */
    private Node current() {
        Node node = device.root;
        for (String header : path) {
            node = device.child(node, header);
        }
        return node;
    }

    private String enter(Match m, Mode mode) {
        device.child(current(), m.text());
        modes.add(mode);
        path.add(m.text());
        return "";
    }

    private String exitLevel() {
        modes.remove(modes.size() - 1);
        if (!path.isEmpty()) {
            path.remove(path.size() - 1);
        }
        return "";
    }

    private String toExec() {
        modes.subList(1, modes.size()).clear();
        path.clear();
        return "";
    }

    /** Replaces the line of the block whose head (first {@code n} words, a leading "no" aside) is the same, or adds it. */
    private String set(String text, int n) {
        List<String> head = head(text, n);
        return setWhere(text, null, other -> head(other, n).equals(head));
    }

    private String setWhere(String text, List<String> body, Predicate<String> same) {
        Node block = current();
        for (Node child : block.children) {
            if (same.test(child.text)) {
                boolean sameRank = Device.rankOf(child.text) == Device.rankOf(text);
                child.text = text;
                child.body = body;
                if (!sameRank && block.text.startsWith("interface ")) {
                    // "negotiation auto" becoming "no negotiation auto" moves to where IOS prints it
                    block.children.remove(child);
                    device.insert(block, child);
                }
                return "";
            }
        }
        Node node = new Node(text);
        node.body = body;
        device.insert(block, node);
        return "";
    }

    /** Adds the line unless the block has it already. */
    private String add(String text) {
        return setWhere(text, null, text::equals);
    }

    /** Removes the lines (and blocks) of the current block that start with the first {@code n} words of the "no" line's rest. */
    private String unset(String noLine, int n) {
        List<String> head = head(noLine, n);
        Node block = current();
        block.children.removeIf(child -> {
            List<String> words = unNo(words(child.text));
            return !child.text.equals("!") && words.size() >= head.size() && words.subList(0, head.size()).equals(head);
        });
        device.tidy();
        return "";
    }

    private String accessClass(Match m, boolean remove) {
        List<String> words = unNo(m.words());
        String direction = words.get(2);
        Predicate<String> same = other -> {
            List<String> w = words(other);
            return w.size() == 3 && w.get(0).equals("access-class") && w.get(2).equals(direction);
        };
        if (remove) {
            current().children.removeIf(child -> same.test(child.text));
            return "";
        }
        return setWhere(m.text(), null, same);
    }

    /** An access-list entry typed without a sequence number gets the next multiple of ten. */
    private String aclEntry(Match m) {
        long last = 0;
        for (Node child : current().children) {
            String first = words(child.text).get(0);
            if (first.matches("\\d{1,10}")) {
                last = Math.max(last, Long.parseLong(first));
            }
        }
        return set(((last / 10) + 1) * 10 + " " + m.text(), 1);
    }

    private String banner(Match m) {
        String kind = m.words().get(1);
        String arg = m.rest();
        String delimiter = arg.startsWith("^C") ? "^C" : arg.substring(0, arg.offsetByCodePoints(0, 1));
        String after = arg.substring(delimiter.length());
        int close = after.indexOf(delimiter);
        if (close >= 0) {
            return setWhere("banner " + kind + " ^C" + after.substring(0, close) + "^C", null, bannerOf(kind));
        }
        pendingBanner = new PendingBanner(kind, delimiter, new ArrayList<>());
        if (!after.isEmpty()) {
            pendingBanner.lines().add(after);
        }
        return "Enter TEXT message.  End with the character '" + delimiter + "'.\n";
    }

    private String bannerText(String line) {
        int close = line.indexOf(pendingBanner.delimiter());
        if (close < 0) {
            pendingBanner.lines().add(line);
            return "";
        }
        List<String> body = new ArrayList<>(pendingBanner.lines());
        if (close > 0) {
            body.add(line.substring(0, close));
        }
        body.add("^C");
        String kind = pendingBanner.kind();
        pendingBanner = null;
        return setWhere("banner " + kind + " ^C", body, bannerOf(kind));
    }

    private static Predicate<String> bannerOf(String kind) {
        return other -> head(other, 2).equals(List.of("banner", kind));
    }

    // ---------------------------------------------------------------- the grammar

    @FunctionalInterface
    private interface Action {
        String run(IosXeCli session, Match match);
    }

    private enum Kind { KEYWORD, WORD, LINE, IP, INT, IFNAME }

    private record Elem(Kind kind, List<String> words, long min, long max) {

        /** The token as the config stores it, or null when it does not fit. */
        String accept(String token) {
            return switch (kind) {
                case WORD -> token;
                case IP -> IPV4.matcher(token).matches() && IosXeCli.words(token.replace('.', ' ')).stream().allMatch(o -> Integer.parseInt(o) <= 255) ? token : null;
                case INT -> token.matches("\\d{1,12}") && Long.parseLong(token) >= min && Long.parseLong(token) <= max ? String.valueOf(Long.parseLong(token)) : null;
                case IFNAME -> interfaceName(token);
                default -> null;
            };
        }
    }

    private record Command(Mode mode, List<Elem> elems, Action action) {
    }

    /**
     * A parsed line: the words as stored (keywords in full), the token offsets in the typed line, and
     * for a free-text argument its raw text and offset.
     */
    private record Match(String line, List<String> words, List<Integer> starts, String rest, int restStart) {

        String text() {
            String words = String.join(" ", this.words);
            return rest == null ? words : words.isEmpty() ? rest : words + " " + rest;
        }
    }

    private enum Problem { INVALID, INCOMPLETE, AMBIGUOUS }

    private record Parsed(Command command, Match match, Problem problem, int at) {

        static Parsed invalid(int at) {
            return new Parsed(null, null, Problem.INVALID, at);
        }

        /** How far the line got: across modes the error that got furthest wins, the current mode's on a tie. */
        int progress() {
            return problem == null ? Integer.MAX_VALUE : problem == Problem.INVALID ? at : Integer.MAX_VALUE - 1;
        }
    }

    private static final class Rejected extends RuntimeException {
        final Parsed parsed;

        Rejected(Parsed parsed) {
            super(null, null, false, false);
            this.parsed = parsed;
        }
    }

    private record Candidate(Command command, List<String> words) {

        Elem elem(int i) {
            return i < command.elems().size() ? command.elems().get(i) : null;
        }

        Candidate with(String word) {
            List<String> more = new ArrayList<>(words);
            more.add(word);
            return new Candidate(command, more);
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IFNAME = Pattern.compile("([A-Za-z][A-Za-z-]*)(\\d+(?:/\\d+)*(?:\\.\\d+)?)");
    private static final List<String> INTERFACE_TYPES = List.of("GigabitEthernet", "TenGigabitEthernet", "TwentyFiveGigE", "HundredGigE",
            "FastEthernet", "Ethernet", "Loopback", "Tunnel", "Vlan", "Port-channel", "Serial", "Dialer", "BDI");
    private static final List<Command> COMMANDS = new ArrayList<>();

    static String interfaceName(String token) {
        Matcher m = IFNAME.matcher(token);
        if (!m.matches()) {
            return null;
        }
        String type = m.group(1);
        for (String known : INTERFACE_TYPES) {
            if (type.length() <= known.length() && known.regionMatches(true, 0, type, 0, type.length())) {
                return known + m.group(2);
            }
        }
        return null;
    }

    private static Parsed parse(Mode mode, String line, int from) {
        List<String> tokens = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = from; i < line.length(); ) {
            if (Character.isWhitespace(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            tokens.add(line.substring(start, i));
            starts.add(start);
        }
        List<Candidate> alive = new ArrayList<>();
        for (Command command : COMMANDS) {
            if (command.mode() == mode) {
                alive.add(new Candidate(command, List.of()));
            }
        }
        Parsed viaRest = null;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            Set<String> exact = new LinkedHashSet<>();
            Set<String> prefix = new LinkedHashSet<>();
            for (Candidate candidate : alive) {
                Elem elem = candidate.elem(i);
                if (elem != null && elem.kind() == Kind.KEYWORD) {
                    for (String word : elem.words()) {
                        if (word.equalsIgnoreCase(token)) {
                            exact.add(word);
                        } else if (token.length() < word.length() && Character.isLetter(word.charAt(0))
                                && word.regionMatches(true, 0, token, 0, token.length())) {
                            prefix.add(word);
                        }
                    }
                }
            }
            Set<String> hits = exact.isEmpty() ? prefix : exact;
            if (hits.size() > 1) {
                return new Parsed(null, null, Problem.AMBIGUOUS, starts.get(i));
            }
            String keyword = hits.isEmpty() ? null : hits.iterator().next();
            List<Candidate> next = new ArrayList<>();
            for (Candidate candidate : alive) {
                Elem elem = candidate.elem(i);
                if (elem == null) {
                    continue;
                }
                if (keyword != null) {
                    if (elem.kind() == Kind.KEYWORD && elem.words().contains(keyword)) {
                        next.add(candidate.with(keyword));
                    }
                } else if (elem.kind() == Kind.LINE) {
                    if (viaRest == null) {
                        Match match = new Match(line, candidate.words(), starts, line.substring(starts.get(i)).stripTrailing(), starts.get(i));
                        viaRest = new Parsed(candidate.command(), match, null, 0);
                    }
                } else {
                    String value = elem.accept(token);
                    if (value != null) {
                        next.add(candidate.with(value));
                    }
                }
            }
            alive = next;
            if (alive.isEmpty()) {
                return viaRest != null ? viaRest : Parsed.invalid(starts.get(i));
            }
        }
        for (Candidate candidate : alive) {
            if (candidate.command().elems().size() == tokens.size()) {
                return new Parsed(candidate.command(), new Match(line, candidate.words(), starts, null, -1), null, 0);
            }
        }
        return viaRest != null ? viaRest : new Parsed(null, null, Problem.INCOMPLETE, 0);
    }

    /** Adds a command: keywords ({@code a|b} for alternatives), {@code <word>}, {@code <line>} (the rest, raw), {@code <ip>}, {@code <ifname>}, {@code <int:MIN-MAX>}. */
    private static void def(Mode mode, String spec, Action action) {
        List<Elem> elems = new ArrayList<>();
        for (String part : spec.split(" ")) {
            switch (part) {
                case "<word>" -> elems.add(new Elem(Kind.WORD, List.of(), 0, 0));
                case "<line>" -> elems.add(new Elem(Kind.LINE, List.of(), 0, 0));
                case "<ip>" -> elems.add(new Elem(Kind.IP, List.of(), 0, 0));
                case "<ifname>" -> elems.add(new Elem(Kind.IFNAME, List.of(), 0, 0));
                default -> {
                    if (part.startsWith("<int:")) {
                        String[] range = part.substring(5, part.length() - 1).split("-");
                        elems.add(new Elem(Kind.INT, List.of(), Long.parseLong(range[0]), Long.parseLong(range[1])));
                    } else {
                        elems.add(new Elem(Kind.KEYWORD, List.of(part.split("\\|")), 0, 0));
                    }
                }
            }
        }
        COMMANDS.add(new Command(mode, List.copyOf(elems), action));
    }

    private static Action set(int n) {
        return (s, m) -> s.set(m.text(), n);
    }

    private static Action unset(int n) {
        return (s, m) -> s.unset(m.text(), n);
    }

    private static Action enter(Mode mode) {
        return (s, m) -> s.enter(m, mode);
    }

    static {
        final int all = Integer.MAX_VALUE;
        Action save = (s, m) -> {
            s.device.save();
            return "Building configuration...\n[OK]\n";
        };
        Action close = (s, m) -> {
            s.closed = true;
            return "";
        };
        def(Mode.EXEC, "terminal length <int:0-512>", (s, m) -> "");
        def(Mode.EXEC, "terminal width <int:0-512>", (s, m) -> "");
        def(Mode.EXEC, "show running-config", (s, m) -> s.showRun());
        def(Mode.EXEC, "show running-config interface <ifname>", IosXeCli::showRunInterface);
        def(Mode.EXEC, "show archive config rollback timer", (s, m) -> s.device.rollbackTimer());
        def(Mode.EXEC, "show archive", (s, m) -> s.showArchive());
        def(Mode.EXEC, "show snmp user", (s, m) -> s.showSnmpUser(null));
        def(Mode.EXEC, "show snmp user <word>", (s, m) -> s.showSnmpUser(m.words().get(3)));
        def(Mode.EXEC, "show privilege", (s, m) -> "Current privilege level is 15\n");
        // the router's own ping, answered while its WAN carries packets (LabPing; the form: napalm ios.py ping)
        def(Mode.EXEC, "ping <ip>", (s, m) -> LabPing.ios(s.device.router(), m.words().get(1), 5, 2));
        def(Mode.EXEC, "ping <ip> repeat <int:1-2147483647> timeout <int:0-3600>", (s, m) -> LabPing.ios(s.device.router(), m.words().get(1),
                Integer.parseInt(m.words().get(3)), Integer.parseInt(m.words().get(5))));
        def(Mode.EXEC, "write", save);
        def(Mode.EXEC, "write memory", save);
        def(Mode.EXEC, "configure terminal", (s, m) -> s.enterConfig(0));
        def(Mode.EXEC, "configure terminal revert timer <int:1-120>", (s, m) -> s.enterConfig(Integer.parseInt(m.words().get(4))));
        def(Mode.EXEC, "configure revert timer <int:1-120>", (s, m) -> s.device.rearm(Integer.parseInt(m.words().get(3))));
        def(Mode.EXEC, "configure confirm", (s, m) -> s.device.confirm());
        def(Mode.EXEC, "configure revert now", (s, m) -> s.device.revertNow());
        def(Mode.EXEC, "enable", (s, m) -> "");
        def(Mode.EXEC, "exit", close);
        def(Mode.EXEC, "logout", close);

        for (Mode mode : EnumSet.range(Mode.CONFIG, Mode.ARCHIVE)) {
            def(mode, "end", (s, m) -> s.toExec());
            def(mode, "exit", (s, m) -> s.exitLevel());
            def(mode, "do <line>", IosXeCli::doExec);
        }

        def(Mode.CONFIG, "hostname <word>", IosXeCli::hostname);
        def(Mode.CONFIG, "username <word> <line>", set(2));
        def(Mode.CONFIG, "no username <word>", IosXeCli::removeUser);
        def(Mode.CONFIG, "no username <word> <line>", IosXeCli::removeUser);
        def(Mode.CONFIG, "banner login|motd|exec <line>", IosXeCli::banner);
        def(Mode.CONFIG, "no banner login|motd|exec", unset(2));
        def(Mode.CONFIG, "interface <ifname>", enter(Mode.INTERFACE));
        def(Mode.CONFIG, "no interface <ifname>", unset(2));
        def(Mode.CONFIG, "policy-map <word>", enter(Mode.POLICY_MAP));
        def(Mode.CONFIG, "no policy-map <word>", unset(2));
        def(Mode.CONFIG, "ip access-list standard <word>", enter(Mode.STD_ACL));
        def(Mode.CONFIG, "no ip access-list standard <word>", unset(4));
        def(Mode.CONFIG, "line vty <int:0-1869> <int:0-1869>", enter(Mode.LINE));
        def(Mode.CONFIG, "line vty <int:0-1869>", enter(Mode.LINE));
        def(Mode.CONFIG, "line console 0", enter(Mode.LINE));
        def(Mode.CONFIG, "archive", enter(Mode.ARCHIVE));
        def(Mode.CONFIG, "no archive", unset(1));
        def(Mode.CONFIG, "ip route <ip> <ip> <line>", (s, m) -> s.add(m.text()));
        def(Mode.CONFIG, "no ip route <ip> <ip>", unset(all));
        def(Mode.CONFIG, "no ip route <ip> <ip> <line>", unset(all));
        def(Mode.CONFIG, "ip ssh version 1|2", set(3));
        def(Mode.CONFIG, "no ip ssh version", unset(3));
        def(Mode.CONFIG, "no ip ssh version 1|2", unset(3));
        def(Mode.CONFIG, "ip domain name <word>", set(3));
        def(Mode.CONFIG, "no ip domain name", unset(3));
        def(Mode.CONFIG, "no ip domain name <word>", unset(3));
        def(Mode.CONFIG, "logging host <ip>", set(3));
        def(Mode.CONFIG, "logging host <ip> <line>", set(3));
        def(Mode.CONFIG, "no logging host <ip>", unset(3));
        def(Mode.CONFIG, "no logging host <ip> <line>", unset(3));
        def(Mode.CONFIG, "ntp server <word>", set(3));
        def(Mode.CONFIG, "ntp server <word> <line>", set(3));
        def(Mode.CONFIG, "no ntp server <word>", unset(3));
        def(Mode.CONFIG, "no ntp server <word> <line>", unset(3));
        def(Mode.CONFIG, "snmp-server group <line>", set(4));
        def(Mode.CONFIG, "snmp-server view <line>", set(4));
        // kept apart, never shown in show running-config (see Device#snmpUsers)
        def(Mode.CONFIG, "snmp-server user <line>", (s, m) -> s.device.addSnmpUser(m.text()));
        def(Mode.CONFIG, "no snmp-server group <line>", unset(4));
        def(Mode.CONFIG, "no snmp-server view <line>", unset(4));
        def(Mode.CONFIG, "no snmp-server user <line>", (s, m) -> s.device.removeSnmpUser(words(m.rest()).get(0)));

        def(Mode.INTERFACE, "description <line>", set(1));
        def(Mode.INTERFACE, "no description", unset(1));
        def(Mode.INTERFACE, "no description <line>", unset(1));
        def(Mode.INTERFACE, "ip address <ip> <ip>", set(2));
        def(Mode.INTERFACE, "no ip address", unset(2));
        def(Mode.INTERFACE, "no ip address <ip> <ip>", unset(2));
        def(Mode.INTERFACE, "speed 10|100|1000|10000|auto", set(1));
        def(Mode.INTERFACE, "no speed", unset(1));
        def(Mode.INTERFACE, "no speed 10|100|1000|10000|auto", unset(1));
        def(Mode.INTERFACE, "duplex full|half|auto", set(1));
        def(Mode.INTERFACE, "no duplex", unset(1));
        def(Mode.INTERFACE, "no duplex full|half|auto", unset(1));
        def(Mode.INTERFACE, "negotiation auto", set(2));
        def(Mode.INTERFACE, "no negotiation auto", set(2));
        def(Mode.INTERFACE, "service-policy input|output <word>", set(2));
        def(Mode.INTERFACE, "no service-policy input|output <word>", unset(2));
        def(Mode.INTERFACE, "shutdown", set(1));
        def(Mode.INTERFACE, "no shutdown", unset(1));

        def(Mode.POLICY_MAP, "class <word>", enter(Mode.POLICY_CLASS));
        def(Mode.POLICY_MAP, "no class <word>", unset(2));
        def(Mode.POLICY_CLASS, "shape average <int:8000-100000000000>", set(2));
        def(Mode.POLICY_CLASS, "shape average percent <int:1-100>", set(2));
        def(Mode.POLICY_CLASS, "no shape average", unset(2));
        def(Mode.POLICY_CLASS, "no shape average <line>", unset(2));

        def(Mode.LINE, "access-class <word> in|out", (s, m) -> s.accessClass(m, false));
        def(Mode.LINE, "no access-class <word> in|out", (s, m) -> s.accessClass(m, true));
        def(Mode.LINE, "transport input all|none|ssh|telnet", set(2));
        def(Mode.LINE, "transport input telnet ssh", set(2));
        def(Mode.LINE, "no transport input", unset(2));
        def(Mode.LINE, "login local", set(1));
        def(Mode.LINE, "exec-timeout <int:0-35791> <int:0-2147483>", set(1));
        def(Mode.LINE, "no exec-timeout", unset(1));

        for (String entry : List.of("<ip>", "<ip> <ip>", "any", "host <ip>")) {
            def(Mode.STD_ACL, "<int:1-2147483647> permit|deny " + entry, set(1));
            def(Mode.STD_ACL, "permit|deny " + entry, IosXeCli::aclEntry);
        }
        def(Mode.STD_ACL, "no <int:1-2147483647>", unset(1));

        def(Mode.ARCHIVE, "path <line>", set(1));
        def(Mode.ARCHIVE, "maximum <int:1-14>", set(1));
        def(Mode.ARCHIVE, "write-memory", set(1));
        def(Mode.ARCHIVE, "no path", unset(1));
        def(Mode.ARCHIVE, "no maximum", unset(1));
        def(Mode.ARCHIVE, "no write-memory", unset(1));
    }

    // ---------------------------------------------------------------- text helpers

    static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
    }

    private static List<String> unNo(List<String> words) {
        return !words.isEmpty() && words.get(0).equals("no") ? words.subList(1, words.size()) : words;
    }

    /** The first {@code n} words of a line, a leading "no" aside. */
    private static List<String> head(String text, int n) {
        List<String> words = unNo(words(text));
        return words.subList(0, Math.min(n, words.size()));
    }

    private static String join(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }

    /** The byte count IOS shows: the config lines and the closing {@code end}, one newline each (the size of the rendered file). */
    private static int bytes(List<String> lines) {
        return join(lines).getBytes(StandardCharsets.UTF_8).length + "end\n".length();
    }

    /** One config line with its sub-lines; a banner's text lines (with the closing {@code ^C}) are its raw body. */
    static final class Node {
        String text;
        List<String> body;
        final List<Node> children = new ArrayList<>();

        Node(String text) {
            this.text = text;
        }

        Node copy() {
            Node copy = new Node(text);
            copy.body = body == null ? null : new ArrayList<>(body);
            children.forEach(c -> copy.children.add(c.copy()));
            return copy;
        }

        Node find(String header) {
            return children.stream().filter(c -> c.text.equals(header)).findFirst().orElse(null);
        }

        /** The children as config lines, one blank of indentation per level. */
        List<String> lines() {
            List<String> out = new ArrayList<>();
            write(this, 0, out);
            return out;
        }

        private static void write(Node node, int depth, List<String> out) {
            for (Node child : node.children) {
                out.add(" ".repeat(depth) + child.text);
                if (child.body != null) {
                    out.addAll(child.body);
                }
                write(child, depth + 1, out);
            }
        }

        static Node parse(String text) {
            List<String> lines = new ArrayList<>(List.of(text.replace("\r\n", "\n").split("\n", -1)));
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            if (!lines.isEmpty() && lines.get(lines.size() - 1).strip().equals("end")) {
                lines.remove(lines.size() - 1);
            }
            Node root = new Node("");
            List<Node> stack = new ArrayList<>(List.of(root));
            List<Integer> indents = new ArrayList<>(List.of(-1));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).stripTrailing();
                if (line.isBlank()) {
                    continue;
                }
                int indent = line.length() - line.stripLeading().length();
                while (indents.get(indents.size() - 1) >= indent) {
                    indents.remove(indents.size() - 1);
                    stack.remove(stack.size() - 1);
                }
                Node node = new Node(line.strip());
                stack.get(stack.size() - 1).children.add(node);
                String delimiter = indent == 0 ? openBanner(node.text) : null;
                if (delimiter != null) {
                    node.body = new ArrayList<>();
                    while (++i < lines.size()) {
                        node.body.add(lines.get(i));
                        if (lines.get(i).contains(delimiter)) {
                            break;
                        }
                    }
                    continue;
                }
                stack.add(node);
                indents.add(indent);
            }
            return root;
        }

        private static final Pattern BANNER = Pattern.compile("banner\\s+\\S+\\s+(\\S.*)");

        /** The delimiter of a banner whose text follows on the next lines, or null. */
        private static String openBanner(String text) {
            Matcher m = BANNER.matcher(text);
            if (!m.matches()) {
                return null;
            }
            String arg = m.group(1);
            String delimiter = arg.startsWith("^C") ? "^C" : arg.substring(0, arg.offsetByCodePoints(0, 1));
            return arg.substring(delimiter.length()).contains(delimiter) ? null : delimiter;
        }
    }

    // ---------------------------------------------------------------- the device

    /**
     * One virtual IOS-XE router as its SSH sessions share it: the running config, the time of its last
     * change, the pending revert timer with its snapshot, and the {@link VirtualRouter} whose ports
     * follow the interface blocks. Thread-safe (sessions and the timer lock the device).
     */
    public static final class Device extends SavingDevice {
        /** What the device boots with: the config it started with, until a save copies the running config over it. */
        private final VirtualRouter router;
        private final Clock clock;
        private final ScheduledExecutorService timers;
        private Node root;
        private Instant lastChange;
        private Node snapshot;
        private Instant armedAt;
        private int armedMinutes;
        private ScheduledFuture<?> timer;
        private long generation;
        /**
         * SNMPv3 users by name, each as its {@code snmp-server user} line: IOS takes them but never prints them in
         * show running-config (the keys are localized and kept apart; ansible-collections/cisco.ios plugins/modules/ios_snmp_server.py warns of it).
         * {@code show snmp user} lists them.
         */
        private final Map<String, String> snmpUsers = new LinkedHashMap<>();

        /**
         * @param router               the ports that interface changes drive (only those it has a port for)
         * @param initialRunningConfig a rendered config; a last line {@code end} is not stored
         * @param clock                for "Last configuration change" and "Time configured" (shown in Asia/Tokyo)
         * @param timers               runs the revert timer's expiry
         */
        public Device(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
            this.router = Objects.requireNonNull(router, "router");
            this.clock = Objects.requireNonNull(clock, "clock");
            this.timers = Objects.requireNonNull(timers, "timers");
            this.root = Node.parse(Objects.requireNonNull(initialRunningConfig, "initialRunningConfig"));
            for (Node user : List.copyOf(root.children)) {
                if (user.text.startsWith("snmp-server user ")) {
                    addSnmpUser(user.text);
                    root.children.remove(user);
                }
            }
            tidy();
            this.lastChange = clock.instant();
            save();
        }

        /** A new CLI session (one per SSH connection); fits {@code Supplier<CliSession>}. */
        @Override
        public IosXeCli newSession() {
            return new IosXeCli(this);
        }

        public VirtualRouter router() {
            return router;
        }

        /** The running config as {@code show running-config} lists it, without the header and the closing {@code end}. */
        @Override
        public synchronized List<String> runningConfig() {
            return List.copyOf(lines());
        }


        @Override
        public synchronized boolean revertPending() {
            return snapshot != null;
        }

        List<String> lines() {
            return root.lines();
        }

        /** The SNMPv3 users the device has (never shown in its running config), by name. */
        public synchronized Map<String, String> snmpUsers() {
            return Map.copyOf(snmpUsers);
        }

        synchronized String addSnmpUser(String line) {
            snmpUsers.put(words(line).get(2), line);
            return "";
        }

        synchronized String removeSnmpUser(String name) {
            snmpUsers.remove(name);
            return "";
        }

        /** Whether the archive the revert timer needs is configured: {@code archive} with a {@code path}. */
        synchronized boolean archived() {
            return archivePath() != null;
        }

        synchronized String archivePath() {
            Node archive = root.find("archive");
            if (archive == null) {
                return null;
            }
            return archive.children.stream().map(c -> c.text).filter(t -> t.startsWith("path ")).map(t -> t.substring(5).strip())
                    .findFirst().orElse(null);
        }

        synchronized String hostname() {
            for (Node child : root.children) {
                List<String> words = words(child.text);
                if (words.size() == 2 && words.get(0).equals("hostname")) {
                    return words.get(1);
                }
            }
            return router.hostname();
        }

        /** Runs an action; if the config changed, stamps the change and pushes changed interfaces to the router. */
        synchronized <T> T change(Supplier<T> action) {
            List<String> before = lines();
            Map<String, List<String>> interfacesBefore = interfaces();
            T result = action.get();
            if (!lines().equals(before)) {
                lastChange = clock.instant();
                Map<String, List<String>> interfacesAfter = interfaces();
                Set<String> names = new LinkedHashSet<>(interfacesBefore.keySet());
                names.addAll(interfacesAfter.keySet());
                for (String name : names) {
                    if (!Objects.equals(interfacesBefore.get(name), interfacesAfter.get(name))) {
                        push(name);
                    }
                }
            }
            return result;
        }

        private Map<String, List<String>> interfaces() {
            Map<String, List<String>> blocks = new LinkedHashMap<>();
            for (Node child : root.children) {
                List<String> words = words(child.text);
                if (words.size() == 2 && words.get(0).equals("interface")) {
                    blocks.put(words.get(1), child.copy().lines());
                }
            }
            return blocks;
        }

        private void push(String name) {
            Optional<VirtualRouter.PortView> port = router.portView(name);
            if (port.isEmpty()) {
                return;
            }
            Node block = root.find("interface " + name);
            String description = null;
            String speed = null;
            String duplex = null;
            boolean negotiation = false;
            boolean shutdown = false;
            for (Node child : block == null ? List.<Node>of() : block.children) {
                List<String> words = words(child.text);
                switch (words.get(0)) {
                    case "description" -> description = child.text.substring("description ".length());
                    case "speed" -> speed = words.get(1);
                    case "duplex" -> duplex = words.get(1);
                    case "negotiation" -> negotiation = true;
                    case "shutdown" -> shutdown = true;
                    default -> {
                    }
                }
            }
            router.configure(name, description, mode(negotiation, speed, duplex), !shutdown);
        }

        static InterfaceMode mode(boolean negotiation, String speed, String duplex) {
            if (negotiation || speed == null || speed.equals("auto")) {
                return InterfaceMode.AUTO;
            }
            int mbps = Integer.parseInt(speed);
            Duplex fixed = "full".equals(duplex) ? Duplex.FULL : "half".equals(duplex) ? Duplex.HALF : mbps >= 1000 ? Duplex.FULL : Duplex.HALF;
            return InterfaceMode.fixed(mbps, fixed);
        }

        /** The order IOS prints an interface's commands in (those our templates use). */
        private static final List<String> INTERFACE_ORDER = List.of("description", "ip", "negotiation", "speed", "duplex", "no",
                "service-policy", "shutdown");

        private static String head(String line) {
            return line.split(" ", 2)[0];
        }

        static int rankOf(String line) {
            int rank = INTERFACE_ORDER.indexOf(head(line));
            return rank < 0 ? Integer.MAX_VALUE : rank;
        }

        /** The child block with this header, made (in its place) when missing. */
        Node child(Node parent, String header) {
            Node found = parent.find(header);
            if (found == null) {
                found = new Node(header);
                insert(parent, found);
            }
            return found;
        }

        void insert(Node block, Node node) {
            if (block != root) {
                int rank = INTERFACE_ORDER.indexOf(head(node.text));
                if (block.text.startsWith("interface ") && rank >= 0) {
                    // show running-config prints an interface's commands in IOS's own order, not as typed
                    int at = 0;
                    while (at < block.children.size() && rankOf(block.children.get(at).text) <= rank) {
                        at++;
                    }
                    block.children.add(at, node);
                } else {
                    block.children.add(node);
                }
                return;
            }
            List<Node> top = root.children;
            String kind = kind(node.text);
            if (kind.equals("banner") && top.stream().noneMatch(c -> kind(c.text).equals("banner"))) {
                // show running-config prints banners at their place, before the line blocks (IOS-XE show run)
                for (int i = 0; i < top.size(); i++) {
                    if (top.get(i).text.startsWith("line ")) {
                        top.add(i, node);
                        top.add(i + 1, new Node("!"));
                        return;
                    }
                }
            }
            int last = -1;
            for (int i = 0; i < top.size(); i++) {
                if (kind(top.get(i).text).equals(kind)) {
                    last = i;
                }
            }
            if (last >= 0) {
                top.add(last + 1, node);
                if (kind.equals("interface")) {
                    top.add(last + 1, new Node("!"));
                }
                return;
            }
            int at = top.size();
            while (at > 0 && top.get(at - 1).text.equals("!")) {
                at--;
            }
            top.add(at, node);
            if (at > 0) {
                top.add(at, new Node("!"));
            }
        }

        /** What groups top-level lines: the first word, two for "ip …", "snmp-server …" and the like. */
        private static String kind(String text) {
            List<String> words = words(text);
            if (words.isEmpty()) {
                return "";
            }
            Set<String> twoWords = Set.of("ip", "ipv6", "snmp-server", "ntp", "logging", "line", "no");
            return twoWords.contains(words.get(0)) && words.size() > 1 ? words.get(0) + " " + words.get(1) : words.get(0);
        }

        /** After a removal: no "!" right after another, none first. */
        void tidy() {
            List<Node> top = root.children;
            for (int i = top.size() - 1; i >= 0; i--) {
                if (top.get(i).text.equals("!") && (i == 0 || top.get(i - 1).text.equals("!"))) {
                    top.remove(i);
                }
            }
        }

        synchronized void arm(int minutes) {
            if (snapshot == null) {
                snapshot = root.copy();
            }
            schedule(minutes);
        }

        synchronized String rearm(int minutes) {
            if (snapshot != null) {
                schedule(minutes);
            }
            return "";
        }

        private void schedule(int minutes) {
            if (timer != null) {
                timer.cancel(false);
            }
            long armed = ++generation;
            armedAt = clock.instant();
            armedMinutes = minutes;
            timer = timers.schedule(() -> expire(armed), minutes, TimeUnit.MINUTES);
        }

        private void expire(long armed) {
            change(() -> {
                if (snapshot != null && armed == generation) {
                    restore();
                }
                return null;
            });
        }

        synchronized String confirm() {
            clearTimer();
            return "";
        }

        synchronized String revertNow() {
            if (snapshot != null) {
                restore();
            }
            return "";
        }

        private void restore() {
            root = snapshot;
            clearTimer();
        }

        private void clearTimer() {
            snapshot = null;
            generation++;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        synchronized String rollbackTimer() {
            if (snapshot == null) {
                return NO_ROLLBACK_PENDING + "\n";
            }
            return "Time configured: " + STAMP.format(armedAt) + "\nTimer type: revert\nTimer value: " + armedMinutes + " min\n";
        }
    }
}
