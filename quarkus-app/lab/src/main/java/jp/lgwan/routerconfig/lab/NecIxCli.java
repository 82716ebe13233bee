package jp.lgwan.routerconfig.lab;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;

/**
 * One SSH session on a virtual NEC UNIVERGE IX router: the CLI subset our driver uses (shared/VENDORS.md
 * §4, shared/VENDOR-CHECK.md §4), over a running config held as text lines (top-level lines,
 * {@code device X} and {@code interface X} blocks with sub-lines indented two blanks, groups separated
 * by {@code !}). Each behaviour names its source; the table "Emulated behaviours and their sources" in
 * templates/README.md lists them, and those with none as UNCONFIRMED. Sources: [NM] github
 * ktbyers/netmiko {@code netmiko/nec/nec_ix.py}; [OX] github ytti/oxidized
 * {@code lib/oxidized/model/necix.rb}; [AN] github Rucdev/ix_ansible
 * {@code ansible_collections/rucdev/ix/plugins/terminal/ix.py} (3rd-party); [FOX] github
 * FoxBoxsnet/try-conbu {@code docs/networks/vpn/ix/ix-settings.md} (3rd-party console samples);
 * [DLO] github takanao14/dhcp-lease-observer {@code internal/session/ix2106/session.go},
 * {@code internal/transport/ix2106/transport.go} (3rd-party, a real IX2106 on 10.9).
 *
 * <p>The running config and the {@link VirtualRouter} belong to a {@link Device} (one per virtual
 * router); every SSH connection gets its own session on it:
 * <pre>{@code
 * NecIxCli.Device device = new NecIxCli.Device(router, renderedConfig, clock, timers);
 * VirtualSshServer.start(hostKey, operatorKey, null, device::newSession);
 * }</pre>
 *
 * <p>What a session emulates:
 * <ul>
 * <li>Prompts {@code HOST#} (operation mode, at login), {@code HOST(config)#},
 *     {@code HOST(config-GigaEthernet0.0)#} in {@code interface GigaEthernet0.0},
 *     {@code HOST(config-GigaEthernet0)#} in {@code device GigaEthernet0} [FOX]; HOST follows the
 *     {@code hostname} line (the router's hostname when there is none) [FOX]. No banner.</li>
 * <li>Operation mode: {@code configure} and {@code enable-config} enter configuration mode, printing
 *     {@value #CONFIGURE_BANNER} [FOX; NM enable() docstring]; {@code exit} ends the session.
 *     {@code show running-config}, {@code write memory} and {@code terminal length N} work only in
 *     configuration mode: here they print {@code % WORD -- Invalid command.} [DLO transport.go enters
 *     configure before {@code terminal length 0}; NM save_config enters config mode; OX post_login
 *     {@code configure}; AN terminal_stderr_re {@code % .* Invalid command\.}]. The word named is the
 *     command's first word (which word a real IX names: UNCONFIRMED).</li>
 * <li>One session at a time is in configuration mode [DLO: "Global configuration mode is exclusive";
 *     AN/NM enter it with {@code configure}]: {@code configure} while another session is in it prints
 *     {@value #OCCUPIED} and stays in operation mode (the leading {@code % } and the final dot:
 *     UNCONFIRMED; DLO matches "config process is occupied" in any case). The mode is freed by leaving
 *     it or by the session's end. {@code svintr-config} takes it anyway, dropping the other session to
 *     operation mode (NM uses it to enter; the drop: UNCONFIRMED).</li>
 * <li>Configuration mode: {@code configure} goes to its top [NM "`configure` is used to go to the top
 *     menu in configuration mode"], {@code terminal length N} (no output), {@code show running-config}
 *     ({@code ! Current time …} then the config lines), {@code write memory} ({@value #BUILDING} then
 *     {@value #SAVE_WARNING}: 3rd-party captures of IX2215 notes, no repository to name: UNCONFIRMED),
 *     {@code exit} one level up, to operation mode from the top [NM exit_enable_mode; AN on_unbecome;
 *     FOX], Ctrl-Z to operation mode [FOX "End with CNTL/Z"; OX pre_logout]. {@code end} is typed by no
 *     tool that drives an IX and is refused (UNCONFIRMED either way). Empty lines and lines starting
 *     with {@code !} do nothing.</li>
 * <li>Configuration mode: a top-level line replaces the line with the same key (e.g.
 *     {@code hostname}, {@code ntp server ADDR}, {@code syslog ip host ADDR}, {@code ip route DEST},
 *     a whole {@code ip access-list} line, {@code snmpv3 user NAME}) or is added after the last line
 *     of its kind (else before the first block, as a group of its own); {@code interface X} and
 *     {@code device X} enter the block, made when missing; {@code no LINE} removes the matching
 *     lines (same key, or starting with LINE) or block.</li>
 * <li>In a block: sub-lines replace the sub-line with the same head ({@code description},
 *     {@code ip address}, {@code traffic-shape rate}, {@code speed}, {@code duplex},
 *     {@code shutdown}/{@code no shutdown}) in place, or go last; {@code no shutdown} is stored;
 *     any other {@code no X} removes the sub-lines with X's head ({@code no description} whatever
 *     the text). A top-level command typed in a block leaves the block and applies at the top.</li>
 * <li>After a change of {@code interface N.0} or {@code device N}, the port {@code N.0} of the
 *     {@link VirtualRouter} (when it has one) gets the description of the interface block, the mode
 *     of the device block ({@code speed S} with {@code duplex full|half}; no speed or
 *     {@code speed auto} = auto; a fixed speed without duplex: full at 1000 and above, else half),
 *     and admin down when either block has {@code shutdown}.</li>
 * <li>Errors: {@code % WORD -- Invalid command.} for anything else (no abbreviations are supported)
 *     [AN; DLO; the form is also "% t -- Ambiguous command." in 3rd-party captures].</li>
 * </ul>
 *
 * <p>Simplified: no revert timer, a startup config that {@code write memory} saves but no reload, no
 * version header lines in {@code show running-config}, no command abbreviations or {@code ?} help,
 * sub-lines keep the order they were typed in, only one level of blocks, no monitor ({@code %}) users.
 * Output lines end in {@code \n} (the SSH server turns them into CRLF).
 */
public final class NecIxCli extends LabCliSession {

    public static final String BUILDING = "Building configuration...";
    public static final String SAVE_WARNING = "% Warning: do NOT enter CNTL/Z while saving to avoid config corruption.";
    public static final String CONFIGURE_BANNER = "Enter configuration commands, one per line. End with CNTL/Z.";
    public static final String OCCUPIED = "% CONFIG process is occupied.";
    private static final char CTRL_Z = 0x1a;

    /** What IX prints for a command it does not take: {@code % WORD -- Invalid command.} */
    public static String invalidCommand(String word) {
        return "% " + word + " -- Invalid command.";
    }

    /** The show running-config time line: {@code ! Current time Nov 25-Wed-2026 10:00:00 JST}. */
    static final DateTimeFormatter CURRENT_TIME = DateTimeFormatter
            .ofPattern("'! Current time 'MMM dd-EEE-yyyy HH:mm:ss 'JST'", Locale.US).withZone(ZoneId.of("Asia/Tokyo"));

    /** First words of the top-level commands this emulator knows. */
    private static final Set<String> TOP_HEADS = Set.of("hostname", "ntp", "syslog", "ip", "snmp-agent", "snmpv3",
            "ssh-server", "username", "timezone", "pki");
    /** Second words of the {@code ip …} sub-commands of an interface block ({@code ip route} stays top-level). */
    private static final Set<String> INTERFACE_IP = Set.of("address", "mtu", "filter", "napt", "nat", "proxy-arp",
            "tcp-adjust-mss", "unnumbered", "dhcp");
    private static final Set<String> SPEEDS = Set.of("auto", "10", "100", "1000", "10000");
    private static final Set<String> DUPLEXES = Set.of("auto", "full", "half");

    private final Device device;
    /** 0 operation mode, 1 configuration mode, 2 in a block. */
    private int level;
    /** The header of the block at level 2, e.g. {@code interface GigaEthernet0.0}. */
    private String block;

    /** A session on the shared device (one per SSH connection). */
    public NecIxCli(Device device) {
        super(device);
        this.device = device;
    }

    /** A session on a device of its own; see {@link Device#Device}. */
    public NecIxCli(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
        this(new Device(router, initialRunningConfig, clock, timers));
    }

    public Device device() {
        return device;
    }

    @Override
    protected String currentPrompt() {
        String host = device.hostname();
        return switch (level) {
            case 0 -> host + "#";
            case 1 -> host + "(config)#";
            default -> host + "(config-" + block.substring(block.indexOf(' ') + 1) + ")#";
        };
    }

    @Override
    protected String answer(String line) {
        return device.change(() -> {
            if (!line.isEmpty() && line.charAt(0) == CTRL_Z) {
                leaveConfigurationMode();
                return execute(line.substring(1));
            }
            return execute(line);
        });
    }

    @Override
    protected void hungUp() {
        device.release(this);
    }

    /** Back to operation mode, freeing configuration mode for other sessions. */
    private void leaveConfigurationMode() {
        level = 0;
        block = null;
        device.release(this);
    }

    /** Another session took configuration mode with svintr-config: this one is back in operation mode. */
    void dropped() {
        level = 0;
        block = null;
    }


    // ---------------------------------------------------------------- dispatch

    private String execute(String line) {
        String text = line.strip().replaceAll("\\s+", " ");
        if (text.isEmpty() || text.startsWith("!")) {
            return "";
        }
        List<String> words = List.of(text.split(" "));
        switch (text) {
            case "exit" -> {
                if (level == 0) {
                    closed = true;
                } else if (level == 1) {
                    leaveConfigurationMode();
                } else {
                    level = 1;
                    block = null;
                }
                return "";
            }
            case "configure", "enable-config", "svintr-config" -> {
                if (level > 0) {
                    level = 1;
                    block = null;
                    return "";
                }
                if (!device.takeConfigurationMode(this, text.equals("svintr-config"))) {
                    return OCCUPIED + "\n";
                }
                level = 1;
                block = null;
                return CONFIGURE_BANNER + "\n";
            }
            default -> {
            }
        }
        if (words.get(0).equals("ping")) {
            return ping(words);
        }
        if (level == 0) {
            // operation mode: show running-config, write memory and terminal length are configuration-mode commands
            return invalid(words.get(0).equals("show") && words.size() > 1 ? words.get(1) : words.get(0));
        }
        switch (text) {
            case "show running-config" -> {
                return CURRENT_TIME.format(device.clock.instant()) + "\n" + join(device.lines());
            }
            case "write memory" -> {
                device.save();
                return BUILDING + "\n" + SAVE_WARNING + "\n";
            }
            default -> {
            }
        }
        if (words.size() == 3 && words.get(0).equals("terminal") && words.get(1).equals("length")
                && words.get(2).matches("\\d{1,5}")) {
            return "";
        }
        boolean no = words.get(0).equals("no") && words.size() > 1;
        List<String> cmd = no ? words.subList(1, words.size()) : words;

        if (level == 2 && blockCommand(block.substring(0, block.indexOf(' ')), cmd, no)) {
            Device.Node node = device.block(block);
            if (no && !cmd.equals(List.of("shutdown"))) {
                device.removeSub(node, cmd);
            } else {
                device.setSub(node, text);
            }
            return "";
        }
        String header = blockHeader(cmd);
        if (header != null) {
            if (no) {
                device.removeBlock(header);
                level = 1;
                block = null;
            } else {
                device.block(header);
                level = 2;
                block = header;
            }
            return "";
        }
        if (TOP_HEADS.contains(cmd.get(0)) && (no || cmd.size() >= 2)) {
            level = 1;
            block = null;
            if (no) {
                device.removeTop(cmd);
            } else {
                device.setTop(text);
            }
            return "";
        }
        return invalid(words.get(0));
    }

    private static String invalid(String word) {
        return invalidCommand(word) + "\n";
    }

    /** {@code interface NAME.N} or {@code device NAME}, or null. */
    private static String blockHeader(List<String> cmd) {
        if (cmd.size() != 2) {
            return null;
        }
        if (cmd.get(0).equals("interface") && cmd.get(1).matches("[A-Za-z][A-Za-z-]*\\d+(:\\d+)?\\.\\d+")) {
            return "interface " + cmd.get(1);
        }
        if (cmd.get(0).equals("device") && cmd.get(1).matches("[A-Za-z][A-Za-z-]*\\d+(:\\d+)?")) {
            return "device " + cmd.get(1);
        }
        return null;
    }

    /** Whether the words (after a "no", if {@code no}) are a sub-command of a block of this kind. */
    private static boolean blockCommand(String kind, List<String> cmd, boolean no) {
        String head = cmd.get(0);
        int n = cmd.size();
        if (head.equals("shutdown")) {
            return n == 1;
        }
        if (head.equals("description")) {
            return no || n >= 2;
        }
        if (kind.equals("device")) {
            return switch (head) {
                case "speed" -> no ? n <= 2 : n == 2 && SPEEDS.contains(cmd.get(1));
                case "duplex" -> no ? n <= 2 : n == 2 && DUPLEXES.contains(cmd.get(1));
                default -> false;
            };
        }
        return switch (head) {
            case "ip" -> n >= 2 && INTERFACE_IP.contains(cmd.get(1)) && (no || n >= 3);
            case "ipv6", "traffic-shape", "service-policy", "encapsulation", "mtu" -> no || n >= 2;
            default -> false;
        };
    }

    private static String join(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }

    private static String at(List<String> words, int i) {
        return i < words.size() ? words.get(i) : "";
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    /** The words that identify a top-level line: a line with the same key replaces it. */
    static String topKey(List<String> w) {
        int n = switch (w.get(0)) {
            case "hostname", "timezone" -> 1;
            case "ntp" -> at(w, 1).equals("server") ? 3 : 2;
            case "syslog" -> at(w, 1).equals("ip") ? (at(w, 2).equals("host") ? 4 : 3) : 2;
            case "ip" -> at(w, 1).equals("route") ? 3 : w.size();
            case "snmp-agent" -> at(w, 1).equals("ip") ? (Set.of("community", "host").contains(at(w, 2)) ? 4 : 3)
                    : at(w, 1).equals("view") ? 3 : 2;
            case "snmpv3" -> 3;
            case "ssh-server" -> at(w, 1).equals("ip") ? 3 : 2;
            case "username" -> 2;
            default -> w.size();
        };
        return String.join(" ", w.subList(0, Math.min(n, w.size())));
    }

    /** The words that identify a sub-line of a block; {@code shutdown} and {@code no shutdown} share theirs. */
    static String subKey(List<String> w) {
        if (w.size() == 2 && w.get(0).equals("no") && w.get(1).equals("shutdown")) {
            return "shutdown";
        }
        int n = switch (w.get(0)) {
            case "description", "speed", "duplex", "shutdown", "mtu" -> 1;
            case "ip", "ipv6", "traffic-shape", "service-policy", "encapsulation" -> 2;
            default -> w.size();
        };
        return String.join(" ", w.subList(0, Math.min(n, w.size())));
    }

    // ---------------------------------------------------------------- the device

    /**
     * {@code ping ADDRESS [repeat N]}, answered while the WAN carries packets. UNCONFIRMED, command and answer: no public
     * driver of IX pings (LabPing, templates/README.md).
     */
    private String ping(List<String> words) {
        if (words.size() == 2 && words.get(1).matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return LabPing.bsd(device.router(), words.get(1), 5, "%.1f", "round-trip (ms)  min/avg/max");
        }
        if (words.size() == 4 && words.get(1).matches("\\d{1,3}(\\.\\d{1,3}){3}") && words.get(2).equals("repeat")
                && words.get(3).matches("\\d{1,9}")) {
            return LabPing.bsd(device.router(), words.get(1), Integer.parseInt(words.get(3)), "%.1f", "round-trip (ms)  min/avg/max");
        }
        return invalid(words.size() > 1 ? words.get(1) : words.get(0));
    }

    /**
     * One virtual NEC IX router as its SSH sessions share it: the running config and the
     * {@link VirtualRouter} whose ports follow the interface and device blocks. Thread-safe (sessions
     * lock the device).
     */
    public static final class Device extends SavingDevice {
        /** What the device boots with: the config it started with, until a save copies the running config over it. */
        private final VirtualRouter router;
        private final Clock clock;
        private final List<Node> top = new ArrayList<>();
        /** The session in configuration mode, null when none is: one at a time [DLO]. */
        private NecIxCli configurationHolder;

        /** A top-level line with its sub-lines (kept without their indentation). */
        static final class Node {
            String text;
            final List<String> children = new ArrayList<>();

            Node(String text) {
                this.text = text;
            }

            boolean separator() {
                return text.equals("!");
            }

            boolean isBlock() {
                return text.startsWith("interface ") || text.startsWith("device ");
            }
        }

        /**
         * @param router               the ports that interface and device changes drive (only those it has a port for)
         * @param initialRunningConfig a rendered config (top-level lines, sub-lines indented)
         * @param clock                for the "Current time" line (shown in Asia/Tokyo)
         * @param timers               unused: NEC IX has no revert timer (kept for the common constructor shape)
         */
        public Device(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
            this.router = Objects.requireNonNull(router, "router");
            this.clock = Objects.requireNonNull(clock, "clock");
            for (String raw : Objects.requireNonNull(initialRunningConfig, "initialRunningConfig").replace("\r\n", "\n").split("\n")) {
                String line = raw.stripTrailing();
                if (line.isBlank()) {
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0)) && !top.isEmpty()) {
                    top.get(top.size() - 1).children.add(line.strip());
                } else {
                    top.add(new Node(line.strip()));
                }
            }
            save();
        }

        /** A new CLI session (one per SSH connection); fits {@code Supplier<CliSession>}. */
        @Override
        public NecIxCli newSession() {
            return new NecIxCli(this);
        }

        public VirtualRouter router() {
            return router;
        }

        /** The running config as {@code show running-config} lists it, without the "Current time" line. */
        @Override
        public synchronized List<String> runningConfig() {
            return List.copyOf(lines());
        }


        /** Whether {@code session} may enter configuration mode; {@code interrupt} (svintr-config) drops the holder. */
        synchronized boolean takeConfigurationMode(NecIxCli session, boolean interrupt) {
            if (configurationHolder != null && configurationHolder != session) {
                if (!interrupt) {
                    return false;
                }
                configurationHolder.dropped();
            }
            configurationHolder = session;
            return true;
        }

        synchronized void release(NecIxCli session) {
            if (configurationHolder == session) {
                configurationHolder = null;
            }
        }

        /** Always false: NEC IX has no commit-confirmed or revert timer. */
        @Override
        public boolean revertPending() {
            return false;
        }

        synchronized List<String> lines() {
            List<String> out = new ArrayList<>();
            for (Node node : top) {
                out.add(node.text);
                node.children.forEach(c -> out.add("  " + c));
            }
            return out;
        }

        synchronized String hostname() {
            for (Node node : top) {
                List<String> w = words(node.text);
                if (w.size() == 2 && w.get(0).equals("hostname")) {
                    return w.get(1);
                }
            }
            return router.hostname();
        }

        // ------------------------------------------------------------ edits

        private Node find(String header) {
            return top.stream().filter(n -> n.text.equals(header)).findFirst().orElse(null);
        }

        /** The block with this header, made (after the last block of its kind) when missing. */
        Node block(String header) {
            Node found = find(header);
            if (found != null) {
                return found;
            }
            Node node = new Node(header);
            String kind = header.substring(0, header.indexOf(' ') + 1);
            int last = -1;
            int firstInterface = -1;
            for (int i = 0; i < top.size(); i++) {
                if (top.get(i).text.startsWith(kind)) {
                    last = i;
                }
                if (firstInterface < 0 && top.get(i).text.startsWith("interface ")) {
                    firstInterface = i;
                }
            }
            int at = last >= 0 ? last + 1 : kind.equals("device ") && firstInterface >= 0 ? firstInterface : top.size();
            insertGroup(at, node);
            return node;
        }

        /** Inserts the node as a group of its own: a "!" before and after it unless there is one. */
        private void insertGroup(int at, Node node) {
            if (at < top.size() && !top.get(at).separator() || at == top.size()) {
                top.add(at, new Node("!"));
            }
            top.add(at, node);
            if (at > 0 && !top.get(at - 1).separator()) {
                top.add(at, new Node("!"));
            }
        }

        void removeBlock(String header) {
            top.removeIf(n -> n.text.equals(header));
            tidy();
        }

        void setTop(String text) {
            List<String> w = words(text);
            String key = topKey(w);
            for (Node node : top) {
                if (!node.isBlock() && !node.separator() && topKey(words(node.text)).equals(key)) {
                    node.text = text;
                    return;
                }
            }
            Node node = new Node(text);
            String group = group(w);
            if (group.equals("hostname")) {
                insertGroup(0, node);
                return;
            }
            int last = -1;
            int firstBlock = -1;
            for (int i = 0; i < top.size(); i++) {
                Node other = top.get(i);
                if (other.isBlock()) {
                    firstBlock = firstBlock < 0 ? i : firstBlock;
                } else if (!other.separator() && group(words(other.text)).equals(group)) {
                    last = i;
                }
            }
            if (last >= 0) {
                top.add(last + 1, node);
            } else {
                insertGroup(firstBlock >= 0 ? firstBlock : top.size(), node);
            }
        }

        /** What groups top-level lines between two "!": the first word (snmp-agent and snmpv3 together). */
        private static String group(List<String> w) {
            return w.get(0).equals("snmpv3") ? "snmp-agent" : w.get(0);
        }

        /** Removes the top-level lines with the key of {@code cmd}, or starting with its words. */
        void removeTop(List<String> cmd) {
            String key = topKey(cmd);
            top.removeIf(node -> {
                if (node.isBlock() || node.separator()) {
                    return false;
                }
                List<String> w = words(node.text);
                return topKey(w).equals(key) || w.size() >= cmd.size() && w.subList(0, cmd.size()).equals(cmd);
            });
            tidy();
        }

        void setSub(Node block, String text) {
            String key = subKey(words(text));
            for (int i = 0; i < block.children.size(); i++) {
                if (subKey(words(block.children.get(i))).equals(key)) {
                    block.children.set(i, text);
                    return;
                }
            }
            block.children.add(text);
        }

        void removeSub(Node block, List<String> cmd) {
            String key = subKey(cmd);
            block.children.removeIf(c -> {
                List<String> w = words(c);
                return subKey(w).equals(key) || w.size() >= cmd.size() && w.subList(0, cmd.size()).equals(cmd);
            });
        }

        /** After a removal: no "!" first, none right after another. */
        private void tidy() {
            for (int i = top.size() - 1; i >= 0; i--) {
                if (top.get(i).separator() && (i == 0 || top.get(i - 1).separator())) {
                    top.remove(i);
                }
            }
        }

        // ------------------------------------------------------------ the ports

        /** Runs an action; pushes every port whose interface or device block changed to the router. */
        synchronized <T> T change(Supplier<T> action) {
            Map<String, List<String>> before = ports();
            T result = action.get();
            Map<String, List<String>> after = ports();
            Set<String> names = new LinkedHashSet<>(before.keySet());
            names.addAll(after.keySet());
            for (String name : names) {
                if (!Objects.equals(before.get(name), after.get(name))) {
                    push(name);
                }
            }
            return result;
        }

        /** For every port name the config mentions (interface blocks, device blocks as their .0), its two blocks. */
        private Map<String, List<String>> ports() {
            Set<String> names = new LinkedHashSet<>();
            for (Node node : top) {
                if (node.text.startsWith("interface ")) {
                    names.add(node.text.substring("interface ".length()));
                } else if (node.text.startsWith("device ")) {
                    names.add(node.text.substring("device ".length()) + ".0");
                }
            }
            Map<String, List<String>> state = new LinkedHashMap<>();
            for (String name : names) {
                List<String> lines = new ArrayList<>();
                lines.add("interface");
                lines.addAll(childrenOf("interface " + name));
                lines.add("device");
                lines.addAll(childrenOf("device " + deviceOf(name)));
                state.put(name, lines);
            }
            return state;
        }

        private List<String> childrenOf(String header) {
            Node node = find(header);
            return node == null ? List.of() : List.copyOf(node.children);
        }

        /** {@code GigaEthernet0.0} → {@code GigaEthernet0}. */
        static String deviceOf(String interfaceName) {
            int dot = interfaceName.lastIndexOf('.');
            return dot < 0 ? interfaceName : interfaceName.substring(0, dot);
        }

        private void push(String name) {
            if (router.portView(name).isEmpty()) {
                return;
            }
            String description = null;
            boolean shutdown = false;
            for (String line : childrenOf("interface " + name)) {
                if (line.startsWith("description ")) {
                    description = line.substring("description ".length());
                }
                shutdown |= line.equals("shutdown");
            }
            String speed = null;
            String duplex = null;
            for (String line : childrenOf("device " + deviceOf(name))) {
                List<String> w = words(line);
                switch (w.get(0)) {
                    case "speed" -> speed = at(w, 1);
                    case "duplex" -> duplex = at(w, 1);
                    case "shutdown" -> shutdown |= w.size() == 1;
                    default -> {
                    }
                }
            }
            router.configure(name, description, mode(speed, duplex), !shutdown);
        }

        static InterfaceMode mode(String speed, String duplex) {
            if (speed == null || !speed.matches("\\d{1,5}")) {
                return InterfaceMode.AUTO;
            }
            int mbps = Integer.parseInt(speed);
            if (!InterfaceMode.FIXED_SPEEDS.contains(mbps)) {
                return InterfaceMode.AUTO;
            }
            Duplex fixed = "full".equals(duplex) ? Duplex.FULL : "half".equals(duplex) ? Duplex.HALF
                    : mbps >= 1000 ? Duplex.FULL : Duplex.HALF;
            return InterfaceMode.fixed(mbps, fixed);
        }
    }
}
