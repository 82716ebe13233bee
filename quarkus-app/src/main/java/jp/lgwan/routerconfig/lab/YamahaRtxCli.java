package jp.lgwan.routerconfig.lab;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;

/**
 * One SSH session on a virtual Yamaha RTX router (an RTX830): the CLI subset our driver uses
 * (shared/VENDORS.md §3), over a running config held as a flat list of lines.
 *
 * <p>The running config and the {@link VirtualRouter} belong to a {@link Device} (one per virtual
 * router); every SSH connection gets its own session on it:
 * <pre>{@code
 * YamahaRtxCli.Device device = new YamahaRtxCli.Device(router, renderedConfig, clock, timers);
 * VirtualSshServer.start(hostKey, operatorKey, null, device::newSession);
 * }</pre>
 *
 * <p>What a session emulates (the session starts at administrator level, prompt {@value #PROMPT};
 * RTX has no configuration mode, every configuration command applies at once to the running config):
 * <ul>
 * <li>{@code console lines infinity}, {@code console character ascii}, {@code console columns N}:
 *     accepted, no output.</li>
 * <li>{@code show config}: the header ({@link #HEADER} then {@code # Reporting Date: Nov 25 10:00:00 2026}
 *     from the clock, Asia/Tokyo) then the running config lines.</li>
 * <li>{@code show status lanN}: the port's description, address and link as the {@link VirtualRouter}
 *     runs it ({@link Device#showStatus}).</li>
 * <li>{@code save}: prints {@value #SAVED} (the ASCII console form). {@code exit}/{@code quit}: closes
 *     the session.</li>
 * <li>Configuration commands replace the line with the same key (the leading words that identify the
 *     setting) in place, or go at the end: {@code description lanN}, {@code ip lanN address},
 *     {@code lan type lanN}, {@code speed lanN}, {@code queue lanN type}, {@code ip route DEST},
 *     {@code syslog host ADDR}, {@code snmp sysname}, {@code snmpv3 vacm view N},
 *     {@code snmpv3 vacm access N}, {@code snmpv3 usm user N}, {@code snmpv3 host RANGE},
 *     {@code sshd service}, {@code sshd host}, {@code schedule at N}. {@code no KEY [...]} removes the
 *     line with that key (silently nothing when there is none). A line starting with {@code #} is a
 *     comment and is ignored.</li>
 * <li>A change of {@code description lanN} or {@code lan type lanN} is pushed to the
 *     {@link VirtualRouter} (for ports it knows): the description without its quotes (none when there
 *     is no line), the mode ({@code lan type lanN 100-fdx} = 100 full, {@code 10-hdx} = 10 half, ...;
 *     {@code auto} or no line = auto); the admin status stays as it is.</li>
 * <li>Errors: {@value #INVALID_COMMAND} for a command name it does not know, {@value #INVALID_PARAMETER}
 *     for a known command with missing or wrong parameters (a bad interface name, an unknown
 *     {@code lan type} or {@code queue} type, a bad address, a quote left open, ...).</li>
 * </ul>
 *
 * <p>Simplified: no login level, {@code administrator} password, {@code pp select}/{@code tunnel select},
 * or {@code console prompt}; {@code exit} with unsaved changes does not ask
 * {@code Save new configuration ? (Y/N)} and what {@code save} stores is never reloaded; every parameter problem gives
 * {@value #INVALID_PARAMETER} (RTX also has {@code Error: Insufficient or too many parameters},
 * {@code Error: Parameter out of range}, ...); lines are stored as typed (stripped), not re-rendered in
 * RTX's canonical form and order; {@code show config | grep} is not emulated; there is no revert timer
 * ({@link Device#revertPending()} is always false, the timers are not used). Output lines end in
 * {@code \n} (the SSH server turns them into CRLF).
 */
public final class YamahaRtxCli extends LabCliSession {

    public static final String PROMPT = "# ";
    public static final String INVALID_COMMAND = "Error: Invalid command name";
    public static final String INVALID_PARAMETER = "Error: Invalid parameter";
    public static final String SAVED = "Saving ... CONFIG0 Done.";
    /** The fixed lines {@code show config} starts with, before the {@code Reporting Date} line. */
    public static final List<String> HEADER = List.of(
            "# RTX830 Rev.15.02.31 (Fri Jul 10 09:59:21 2020)",
            "# MAC Address : 00:a0:de:00:00:01, 00:a0:de:00:00:02",
            "# Memory 256Mbytes, 2LAN",
            "# main:  RTX830 ver=00 serial=S00000001 MAC-Address=00:a0:de:00:00:01 MAC-Address=00:a0:de:00:00:02");
    public static final String REPORTING_DATE = "# Reporting Date: ";

    /** {@code Nov 25 10:00:00 2026}. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.US)
            .withZone(ZoneId.of("Asia/Tokyo"));

    static final Pattern LAN = Pattern.compile("lan[1-9][0-9]?");
    static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,4}");
    static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    static final Pattern BANDWIDTH = Pattern.compile("[1-9][0-9]{0,10}[kKmMgG]?");

    /** {@code lan type} speed/duplex values and the mode each sets. */
    static final Map<String, InterfaceMode> LAN_TYPES = Map.of(
            "auto", InterfaceMode.AUTO,
            "10-hdx", InterfaceMode.fixed(10, Duplex.HALF),
            "10-fdx", InterfaceMode.fixed(10, Duplex.FULL),
            "100-hdx", InterfaceMode.fixed(100, Duplex.HALF),
            "100-fdx", InterfaceMode.fixed(100, Duplex.FULL),
            "1000-fdx", InterfaceMode.fixed(1000, Duplex.FULL));
    static final Set<String> QUEUE_TYPES = Set.of("fifo", "priority", "cbq", "wfq", "shaping");

    private final Device device;

    /** A session on the shared device (one per SSH connection). */
    public YamahaRtxCli(Device device) {
        super(device);
        this.device = device;
    }

    /** A session on a device of its own; see {@link Device#Device}. */
    public YamahaRtxCli(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
        this(new Device(router, initialRunningConfig, clock, timers));
    }

    public Device device() {
        return device;
    }

    @Override
    protected String currentPrompt() {
        return PROMPT;
    }

    @Override
    protected String answer(String line) {
        try {
            return execute(line.strip());
        } catch (CliError e) {
            return e.getMessage() + "\n";
        }
    }


    /** A line the CLI refuses; the message is what it prints. */
    private static final class CliError extends RuntimeException {
        CliError(String message) {
            super(message, null, false, false);
        }

        static CliError command() {
            return new CliError(INVALID_COMMAND);
        }

        static CliError parameter() {
            return new CliError(INVALID_PARAMETER);
        }
    }

    private String execute(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return "";
        }
        List<String> words = words(line);
        switch (words.get(0)) {
            case "exit", "quit" -> {
                if (words.size() != 1) {
                    throw CliError.parameter();
                }
                closed = true;
                return "";
            }
            case "save" -> {
                if (words.size() != 1) {
                    throw CliError.parameter();
                }
                device.save();
                return SAVED + "\n";
            }
            case "show" -> {
                if (words.size() >= 2 && words.get(1).equals("status")) {
                    if (words.size() != 3 || !lan(words.get(2))) {
                        throw CliError.parameter();
                    }
                    return device.showStatus(words.get(2));
                }
                if (words.size() < 2 || !words.get(1).equals("config")) {
                    throw CliError.command();
                }
                if (words.size() != 2) {
                    throw CliError.parameter();
                }
                return device.showConfig();
            }
            case "console" -> {
                console(words);
                return "";
            }
            case "no" -> {
                List<String> key = words.subList(1, words.size());
                if (key.isEmpty()) {
                    throw CliError.command();
                }
                device.remove(key.subList(0, keyLength(key)));
                return "";
            }
            default -> {
                device.set(line, checked(words));
                return "";
            }
        }
    }

    private static void console(List<String> words) {
        String what = word(words, 1);
        String value = word(words, 2);
        boolean ok = switch (what) {
            case "lines" -> value.equals("infinity") || NUMBER.matcher(value).matches();
            case "character" -> Set.of("ascii", "sjis", "euc", "en.ascii", "ja.sjis", "ja.utf8").contains(value);
            case "columns" -> NUMBER.matcher(value).matches();
            default -> throw CliError.command();
        };
        if (!ok || words.size() != 3) {
            throw CliError.parameter();
        }
    }

    // ---------------------------------------------------------------- keys and parameters

    private static String word(List<String> words, int i) {
        return i < words.size() ? words.get(i) : "";
    }

    private static void need(List<String> words, int n) {
        if (words.size() < n) {
            throw CliError.parameter();
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw CliError.parameter();
        }
    }

    private static boolean lan(String word) {
        return LAN.matcher(word).matches();
    }

    /**
     * How many leading words of a configuration command identify its setting (its line in the running
     * config); checks the command name and the key's parameters.
     */
    static int keyLength(List<String> w) {
        String second = word(w, 1);
        String third = word(w, 2);
        switch (w.get(0)) {
            case "description", "speed" -> {
                need(w, 2);
                check(lan(second));
                return 2;
            }
            case "ip" -> {
                if (second.equals("route")) {
                    need(w, 3);
                    check(third.equals("default") || address(third, true));
                    return 3;
                }
                if (third.equals("address")) {
                    check(lan(second));
                    return 3;
                }
                throw w.size() < 3 ? CliError.parameter() : CliError.command();
            }
            case "lan" -> {
                if (!second.equals("type")) {
                    throw CliError.command();
                }
                need(w, 3);
                check(lan(third));
                return 3;
            }
            case "queue" -> {
                need(w, 3);
                if (!third.equals("type")) {
                    throw CliError.command();
                }
                check(lan(second));
                return 3;
            }
            case "syslog" -> {
                if (!second.equals("host")) {
                    throw CliError.command();
                }
                need(w, 3);
                return 3;
            }
            case "snmp" -> {
                if (!second.equals("sysname")) {
                    throw CliError.command();
                }
                return 2;
            }
            case "snmpv3" -> {
                if (second.equals("host")) {
                    need(w, 3);
                    return 3;
                }
                boolean vacm = second.equals("vacm") && (third.equals("view") || third.equals("access"));
                if (!vacm && !(second.equals("usm") && third.equals("user"))) {
                    throw CliError.command();
                }
                need(w, 4);
                check(NUMBER.matcher(w.get(3)).matches());
                return 4;
            }
            case "sshd" -> {
                if (!second.equals("service") && !second.equals("host")) {
                    throw CliError.command();
                }
                return 2;
            }
            case "schedule" -> {
                if (!second.equals("at")) {
                    throw CliError.command();
                }
                need(w, 3);
                check(NUMBER.matcher(third).matches());
                return 3;
            }
            // the router's own settings a base config holds (LabBaseConfig; NVR500 command reference §2, §4.22-4.24 in
            // github highgain86j/RTX_ConfigBuilder command.d/frompdf/nvr500.html): kept and shown
            case "login", "administrator", "user", "timezone", "console", "dns" -> {
                return baseKeyLength(w);
            }
            default -> throw CliError.command();
        }
    }

    /** Key lengths of the settings a base config holds: {@code login user NAME}, {@code login password}, ... */
    private static int baseKeyLength(List<String> w) {
        String second = word(w, 1);
        int key = switch (w.get(0) + " " + second) {
            case "login user", "user attribute" -> 3;
            case "login password", "administrator password", "console character", "console lines", "console columns", "console prompt",
                 "dns server" -> 2;
            default -> w.get(0).equals("timezone") ? 1 : -1;
        };
        if (key < 0) {
            throw CliError.command();
        }
        need(w, key);
        return key;
    }

    /** Checks a configuration command's values; returns its key length. */
    static int checked(List<String> w) {
        int key = keyLength(w);
        if (w.get(0).equals("syslog")) {
            check(w.size() == key); // the key is the whole line
            return key;
        }
        check(w.size() > key);
        String first = w.get(key);
        switch (w.get(0)) {
            case "ip" -> {
                if (w.get(1).equals("route")) {
                    check(first.equals("gateway") && w.size() > key + 1);
                } else {
                    check(w.size() == key + 1 && (first.equals("dhcp") || address(first, true)));
                }
            }
            case "lan" -> {
                check(LAN_TYPES.containsKey(first));
                options(w, key + 1);
            }
            case "speed" -> check(w.size() == key + 1 && BANDWIDTH.matcher(first).matches());
            case "queue" -> {
                check(QUEUE_TYPES.contains(first));
                options(w, key + 1);
            }
            case "sshd" -> {
                if (w.get(1).equals("service")) {
                    check(w.size() == key + 1 && (first.equals("on") || first.equals("off")));
                }
            }
            case "snmp" -> check(w.size() == key + 1);
            default -> {
            }
        }
        return key;
    }

    /** The words from {@code from} on must be {@code name=value} options. */
    private static void options(List<String> w, int from) {
        for (String option : w.subList(from, w.size())) {
            check(option.indexOf('=') > 0);
        }
    }

    /** An IPv4 address, with a /prefix when {@code prefix} allows it. */
    static boolean address(String text, boolean prefix) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return IPV4.matcher(text).matches();
        }
        String length = text.substring(slash + 1);
        return prefix && IPV4.matcher(text.substring(0, slash)).matches() && length.matches("[0-9]{1,2}") && Integer.parseInt(length) <= 32;
    }

    /** Splits a line into words; a double-quoted string (which may hold blanks) is one word, without its quotes. */
    static List<String> words(String line) {
        return LabCliSession.quotedWords(line, CliError::parameter);
    }

    // ---------------------------------------------------------------- the device

    /** A running config line: its text as typed and its key words. */
    private record Line(String text, List<String> key) {
    }

    /**
     * One virtual Yamaha RTX router: its running config and its ports; shared by its sessions.
     * Thread-safe (sessions lock it).
     */
    public static final class Device implements EmulatedDevice {
        /** What the device boots with: the config it started with, until a save copies the running config over it. */
        private List<String> startup;
        private final VirtualRouter router;
        private final Clock clock;
        private final List<Line> lines = new ArrayList<>();

        /**
         * @param router               the ports that description and lan type changes drive (only those it has a port for)
         * @param initialRunningConfig a rendered config, one command a line (blank lines and {@code #} comments skipped)
         * @param clock                stamps the {@code Reporting Date} of {@code show config}
         * @param timers               not used (RTX has no revert timer); kept for the same constructor as the other emulators
         * @throws IllegalArgumentException for a line the CLI would refuse
         */
        public Device(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
            this.router = Objects.requireNonNull(router, "router");
            this.clock = Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(timers, "timers");
            for (String line : Objects.requireNonNull(initialRunningConfig, "initialRunningConfig").split("\n")) {
                String stripped = line.strip();
                if (stripped.isEmpty() || stripped.startsWith("#")) {
                    continue;
                }
                try {
                    List<String> words = words(stripped);
                    int key = checked(words);
                    store(stripped, List.copyOf(words.subList(0, key)));
                } catch (CliError e) {
                    throw new IllegalArgumentException(e.getMessage() + ": " + line);
                }
            }
            this.startup = runningConfig();
        }

        /** A new CLI session (one per SSH connection); fits {@code Supplier<CliSession>}. */
        @Override
        public YamahaRtxCli newSession() {
            return new YamahaRtxCli(this);
        }

        public VirtualRouter router() {
            return router;
        }

        /** The running config lines as {@code show config} prints them after its header. */
        @Override
        public synchronized List<String> runningConfig() {
            return lines.stream().map(Line::text).toList();
        }

        @Override
        public synchronized List<String> startupConfig() {
            return startup;
        }

        /** The save command: the running config becomes what the device boots with. */
        synchronized void save() {
            startup = runningConfig();
        }

        /** Always false: RTX has no commit-confirmed or revert timer. */
        @Override
        public boolean revertPending() {
            return false;
        }

        synchronized String showConfig() {
            StringBuilder out = new StringBuilder();
            HEADER.forEach(h -> out.append(h).append('\n'));
            out.append(REPORTING_DATE).append(STAMP.format(clock.instant())).append('\n');
            lines.forEach(l -> out.append(l.text()).append('\n'));
            return out.toString();
        }

        /**
         * {@code show status lanN}: the interface's name, description, address, the operation mode
         * setting with the link in parentheses, and counters. The value form
         * {@code Auto Negotiation (1000BASE-T Full Duplex)} / {@code Auto Negotiation (Link Down)} and the
         * header {@code LAN1} are from real RTX output captured in third-party tools (Japanese console:
         * "LAN1 / 説明: … / IPアドレス: 192.168.50.1/24 / PORT1: Auto Negotiation (1000BASE-T Full Duplex)", github
         * kamera25/mikomai mikomai-core/src/network/interface.rs; "動作モード設定: Auto Negotiation (1000BASE-T Full
         * Duplex)", same repository); "Transmitted: N packets (M octets)" is parsed from RTX output by public
         * exporters. UNCONFIRMED: the English labels of an ASCII console (translated here from 説明, IPアドレス,
         * 動作モード設定), their padding, and how a fixed mode ({@code lan type lan2 100-fdx}) is shown (here
         * {@code 100BASE-TX Full Duplex (…)}). templates/README.md lists it.
         */
        synchronized String showStatus(String lan) {
            Optional<VirtualRouter.PortView> port = router.portView(lan);
            if (port.isEmpty()) {
                throw CliError.parameter();
            }
            LinkModel link = router.link(lan).orElseThrow();
            InterfaceMode mode = port.get().mode();
            String setting = mode.auto() ? "Auto Negotiation" : medium(mode.speedMbps(), mode.duplex());
            String address = lines.stream().filter(l -> l.key().equals(List.of("ip", lan, "address"))).map(l -> words(l.text()).get(3))
                    .findFirst().orElse("");
            StringBuilder out = new StringBuilder();
            out.append(lan.toUpperCase(Locale.ROOT)).append('\n');
            out.append(String.format("%-32s%s%n", "Description:", port.get().description() == null ? "" : port.get().description()));
            out.append(String.format("%-32s%s%n", "IP Address:", address));
            out.append(String.format("%-32s%s%n", "Ethernet address:", "00:a0:de:00:00:0" + lan.substring(3)));
            out.append(String.format("%-32s%s (%s)%n", "Operation mode setting:", setting,
                    link.up() ? medium(link.speedMbps(), link.duplex()) : "Link Down"));
            out.append(String.format("%-32s%s%n", "Maximum Transmission Unit(MTU):", "1500 octets"));
            out.append(String.format("%-32s%s%n", "Transmitted:", "0 packets (0 octets)"));
            out.append(String.format("%-32s%s%n", "Received:", "0 packets (0 octets)"));
            return out.toString().replace("\r\n", "\n");
        }

        /** {@code 100BASE-TX Full Duplex}: an Ethernet medium as RTX names it (1000BASE-T in the captures above). */
        private static String medium(int speedMbps, Duplex duplex) {
            String base = switch (speedMbps) {
                case 10 -> "10BASE-T";
                case 100 -> "100BASE-TX";
                case 1000 -> "1000BASE-T";
                default -> (speedMbps % 1000 == 0 ? speedMbps / 1000 + "G" : speedMbps + "M") + "BASE-T";
            };
            return base + (duplex == Duplex.HALF ? " Half" : " Full") + " Duplex";
        }

        synchronized void set(String text, int keyLength) {
            List<String> words = words(text);
            List<String> key = List.copyOf(words.subList(0, keyLength));
            store(text, key);
            push(key);
        }

        synchronized void remove(List<String> key) {
            List<String> k = List.copyOf(key);
            if (lines.removeIf(l -> l.key().equals(k))) {
                push(k);
            }
        }

        private void store(String text, List<String> key) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).key().equals(key)) {
                    lines.set(i, new Line(text, key));
                    return;
                }
            }
            lines.add(new Line(text, key));
        }

        /** After a change of {@code description lanN} or {@code lan type lanN}: the port's description and mode. */
        private void push(List<String> key) {
            String port;
            if (key.get(0).equals("description")) {
                port = key.get(1);
            } else if (key.get(0).equals("lan")) {
                port = key.get(2);
            } else {
                return;
            }
            Optional<VirtualRouter.PortView> view = router.portView(port);
            if (view.isEmpty()) {
                return;
            }
            String description = null;
            InterfaceMode mode = InterfaceMode.AUTO;
            for (Line line : lines) {
                List<String> words = words(line.text());
                if (line.key().equals(List.of("description", port))) {
                    description = String.join(" ", words.subList(2, words.size()));
                } else if (line.key().equals(List.of("lan", "type", port))) {
                    mode = LAN_TYPES.get(words.get(3));
                }
            }
            router.configure(port, description, mode, view.get().adminUp());
        }
    }
}
