package jp.lgwan.routerconfig.lab;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * (shared/VENDORS.md §3, shared/VENDOR-CHECK.md §3), over a running config held as a flat list of
 * lines. Each behaviour names its source; the table "Emulated behaviours and their sources" in
 * templates/README.md lists them, and those with none as UNCONFIRMED. Sources:
 * [YNVR] Yamaha NVR500 command reference (RT-common grammar), as extracted in github
 * highgain86j/RTX_ConfigBuilder {@code command.d/frompdf/nvr500.html}; [NM] github ktbyers/netmiko
 * {@code netmiko/yamaha/yamaha.py}; [OX] github ytti/oxidized {@code lib/oxidized/model/yamaha.rb};
 * [AN] github yamaha-network/ansible-collection-rtx (Yamaha Corp.) {@code plugins/terminal/rtx.py},
 * {@code plugins/module_utils/network/rtx/rtx.py}; [SIM] github moriyoshi/yamaha-rt-simulator
 * {@code simulator/messages.go}, {@code simulator/cmd_*.go} (3rd-party); [TF] github
 * shin1ohno/terraform-provider-rtx {@code internal/rtx/parsers/console_wrap.go},
 * {@code internal/client/working_session.go} (3rd-party, RTX1210); [WN] github wnoguchi/yamaha-routers
 * {@code getting-started.md} (3rd-party console capture of an RTX1200).
 *
 * <p>The running config and the {@link VirtualRouter} belong to a {@link Device} (one per virtual
 * router); every SSH connection gets its own session on it:
 * <pre>{@code
 * YamahaRtxCli.Device device = new YamahaRtxCli.Device(router, renderedConfig, clock, timers, "admin-secret");
 * VirtualSshServer.start(hostKey, operatorKey, null, device::newSession);
 * }</pre>
 *
 * <p>What a session emulates:
 * <ul>
 * <li>Levels: a login lands at the general user level, prompt {@code > }; {@code administrator} asks
 *     {@value #PASSWORD_PROMPT}, reads the password unechoed and reaches the administrator level,
 *     prompt {@code # } [YNVR §2.1.1, §37.3.1][NM][AN][OX][WN]; a wrong password prints
 *     {@value #INCORRECT_PASSWORD} [SIM]. With no administrator password set none is asked
 *     [YNVR §2.1.1 「管理パスワードが設定してあれば…入力が必要」] (SIM asks and takes an empty one). The
 *     prompt is prefixed with the {@code console prompt} text [YNVR §4.21].</li>
 * <li>At the user level only {@code administrator}, the {@code console} settings (which "一般ユーザでも
 *     実行できる" [YNVR §4.22-4.24]) and {@code exit}/{@code quit} work; {@code show config}, {@code save}
 *     and every configuration command print {@value #ADMINISTRATOR_ONLY} [SIM][YNVR §37.3.1].</li>
 * <li>{@code console character|lines|columns|prompt} are configuration lines: stored, shown by
 *     {@code show config}, removed by {@code no console …} [YNVR §1.4, §4.21-4.24]. Values: character
 *     {@code ascii}, {@code sjis}, {@code euc} [YNVR §4.22] (and the newer {@code en.ascii}, {@code ja.sjis},
 *     {@code ja.utf8}: UNCONFIRMED); lines 10..100 or {@code infinity}, default 24 [YNVR §4.24]; columns
 *     80..200, default 80 [YNVR §4.23].</li>
 * <li>{@code show config}: the header ({@link #HEADER} then {@code # Reporting Date: Nov 25 10:00:00 2026}
 *     from the clock, Asia/Tokyo), then the running config lines; {@code show config | grep WORD} only the
 *     lines holding WORD [AN rtx.py get_console_info]. Lines longer than the console columns wrap with a
 *     bare line end [TF console_wrap.go]. Where {@code console lines} is not {@code infinity}, output stops
 *     after a screen with {@value #MORE}; space shows the next screen, Enter one more line, q ends it
 *     [YNVR §2.4 ("--- つづく ---" in Japanese), OX {@code expect /^---more---$/}]. How the marker is erased
 *     when the output goes on: UNCONFIRMED (here: a line end).</li>
 * <li>{@code show status lanN}: the port's description, address and link as the {@link VirtualRouter}
 *     runs it ({@link Device#showStatus}).</li>
 * <li>{@code save}: prints {@value #SAVED} [WN]. {@code exit}/{@code quit} at the administrator level with
 *     unsaved changes asks {@value #SAVE_QUESTION} and takes one key: {@code Y} saves, {@code N} does not,
 *     both go back to the user level [YNVR §37.3.2][NM exit_enable_mode writes "N" with no line end];
 *     {@code exit save} saves first [YNVR §37.3.2]. At the user level {@code exit} ends the session.</li>
 * <li>Configuration commands replace the line with the same key (the leading words that identify the
 *     setting) in place, or go at the end: {@code description lanN}, {@code ip lanN address},
 *     {@code lan type lanN}, {@code speed lanN}, {@code queue lanN type}, {@code ip route DEST},
 *     {@code syslog host ADDR}, {@code snmp sysname}, {@code snmpv3 vacm view N},
 *     {@code snmpv3 vacm access N}, {@code snmpv3 usm user N}, {@code snmpv3 host RANGE},
 *     {@code sshd service}, {@code sshd host}, {@code schedule at N}, {@code administrator password
 *     encrypted X}. {@code no KEY [...]} removes the line with that key (silently nothing when there is
 *     none). A line starting with {@code #} is a comment and is ignored.</li>
 * <li>A change of {@code description lanN} or {@code lan type lanN} is pushed to the
 *     {@link VirtualRouter} (for ports it knows): the description without its quotes (none when there
 *     is no line), the mode ({@code lan type lanN 100-fdx} = 100 full, {@code 10-hdx} = 10 half, ...;
 *     {@code auto} or no line = auto; speeds per [YNVR §4.43]); the admin status stays as it is. A real
 *     RTX resets the interface after {@code lan type} [YNVR §4.43 ノート]; the emulator does not drop the link.</li>
 * <li>Errors, printed as RTX prints them with {@code console character ascii} [SIM messages.go "en"]:
 *     {@value #INVALID_COMMAND} (a command name it does not know), {@value #WRONG_COUNT},
 *     {@value #ILLEGAL_KEYWORD}, {@value #OUT_OF_RANGE}, {@value #BAD_ADDRESS}. Which of them a given
 *     mistake draws on a real RTX: UNCONFIRMED (the emulator's choice is documented at each check).</li>
 * </ul>
 *
 * <p>Simplified: errors and the pager are always English (a real RTX prints them in Japanese until
 * {@code console character ascii}); no {@code pp select}/{@code tunnel select}, {@code login user},
 * interactive {@code administrator password}; what {@code save} stores is never reloaded; lines are stored
 * as typed (stripped), not re-rendered in RTX's canonical form and order; there is no revert timer
 * ({@link Device#revertPending()} is always false, the timers are not used). Output lines end in
 * {@code \n} (the SSH server turns them into CRLF).
 */
public final class YamahaRtxCli extends LabCliSession {

    public static final String INVALID_COMMAND = "Error: Invalid command name";
    public static final String WRONG_COUNT = "Error: Insufficient or too many parameters";
    public static final String INVALID_PARAMETER = "Error: Invalid parameter";
    public static final String ILLEGAL_KEYWORD = "Error: Illegal keyword";
    public static final String OUT_OF_RANGE = "Error: Parameter out of range";
    public static final String BAD_ADDRESS = "Error: Unrecognized IP address parameter";
    public static final String ADMINISTRATOR_ONLY = "Error: Administrator use only";
    public static final String INCORRECT_PASSWORD = "Error: Incorrect password";
    public static final String PASSWORD_PROMPT = "Password: ";
    public static final String SAVE_QUESTION = "Save new configuration ? (Y/N)";
    public static final String MORE = "---more---";
    public static final String SAVED = "Saving ... CONFIG0 Done .";
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

    /** {@code lan type} speed/duplex values and the mode each sets [YNVR §4.43]. */
    static final Map<String, InterfaceMode> LAN_TYPES = Map.of(
            "auto", InterfaceMode.AUTO,
            "10-hdx", InterfaceMode.fixed(10, Duplex.HALF),
            "10-fdx", InterfaceMode.fixed(10, Duplex.FULL),
            "100-hdx", InterfaceMode.fixed(100, Duplex.HALF),
            "100-fdx", InterfaceMode.fixed(100, Duplex.FULL),
            "1000-fdx", InterfaceMode.fixed(1000, Duplex.FULL));
    static final Set<String> QUEUE_TYPES = Set.of("fifo", "priority", "cbq", "wfq", "shaping");
    /** [YNVR §4.22]; the dotted forms of newer firmware: UNCONFIRMED. */
    static final Set<String> CHARACTERS = Set.of("ascii", "sjis", "euc", "en.ascii", "ja.sjis", "ja.utf8");
    static final int DEFAULT_LINES = 24;
    static final int DEFAULT_COLUMNS = 80;

    /** What the session waits for besides a command. */
    private enum Awaiting { COMMAND, PASSWORD, SAVE_ANSWER, MORE }

    private final Device device;
    private boolean administrator;
    private Awaiting awaiting = Awaiting.COMMAND;
    /** The lines a pager still holds back, and how many fit a screen. */
    private final Deque<String> held = new ArrayDeque<>();

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
        return awaiting != Awaiting.COMMAND ? "" : device.consolePrompt() + (administrator ? "# " : "> ");
    }

    @Override
    protected boolean echoing() {
        return awaiting != Awaiting.PASSWORD;
    }

    @Override
    protected boolean keyInput() {
        return awaiting == Awaiting.SAVE_ANSWER || awaiting == Awaiting.MORE;
    }

    @Override
    protected String answer(String line) {
        switch (awaiting) {
            case PASSWORD -> {
                awaiting = Awaiting.COMMAND;
                if (!device.administratorPassword(line)) {
                    return INCORRECT_PASSWORD + "\n";
                }
                administrator = true;
                return "";
            }
            case SAVE_ANSWER -> {
                return saveAnswer(line);
            }
            case MORE -> {
                return more(line);
            }
            default -> {
                try {
                    return execute(line.strip());
                } catch (CliError e) {
                    return e.getMessage() + "\n";
                }
            }
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

        static CliError count() {
            return new CliError(WRONG_COUNT);
        }

        static CliError keyword() {
            return new CliError(ILLEGAL_KEYWORD);
        }

        static CliError range() {
            return new CliError(OUT_OF_RANGE);
        }

        static CliError address() {
            return new CliError(BAD_ADDRESS);
        }

        static CliError parameter() {
            return new CliError(INVALID_PARAMETER);
        }
    }

    private String execute(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return "";
        }
        int bar = line.indexOf('|');
        List<String> words = words(bar < 0 ? line : line.substring(0, bar).strip());
        if (words.isEmpty()) {
            throw CliError.command();
        }
        switch (words.get(0)) {
            case "exit", "quit" -> {
                return exit(words);
            }
            case "ping" -> {
                return ping(words);
            }
            case "administrator" -> {
                if (words.size() == 1) {
                    if (administrator) {
                        return "";
                    }
                    if (!device.administratorPasswordSet()) {
                        // none set: no password asked [YNVR §2.1.1 「管理パスワードが設定してあれば…入力が必要」]
                        administrator = true;
                        return "";
                    }
                    awaiting = Awaiting.PASSWORD;
                    return PASSWORD_PROMPT;
                }
            }
            case "console" -> {
                console(words);
                device.set(line, consoleKey(words));
                return "";
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
                requireAdministrator();
                if (words.size() != 2) {
                    throw CliError.count();
                }
                return paged(grep(device.showConfig(), bar < 0 ? null : line.substring(bar + 1).strip()));
            }
            case "save" -> {
                requireAdministrator();
                if (words.size() != 1) {
                    throw CliError.count();
                }
                device.save();
                return SAVED + "\n";
            }
            case "no" -> {
                List<String> key = words.subList(1, words.size());
                if (key.isEmpty()) {
                    throw CliError.command();
                }
                if (!key.get(0).equals("console")) {
                    requireAdministrator();
                }
                device.remove(key.subList(0, key.get(0).equals("console") ? consoleKey(key) : keyLength(key)));
                return "";
            }
            default -> {
            }
        }
        int key = checked(words);
        requireAdministrator();
        device.set(line, key);
        return "";
    }

    private void requireAdministrator() {
        if (!administrator) {
            throw new CliError(ADMINISTRATOR_ONLY);
        }
    }

    private String exit(List<String> words) {
        boolean save = words.size() == 2 && words.get(1).equals("save");
        if (words.size() > 2 || words.size() == 2 && !save) {
            throw CliError.keyword();
        }
        if (!administrator) {
            closed = true;
            return "";
        }
        if (save) {
            device.save();
            administrator = false;
            return SAVED + "\n";
        }
        if (device.unsaved()) {
            awaiting = Awaiting.SAVE_ANSWER;
            return SAVE_QUESTION;
        }
        administrator = false;
        return "";
    }

    /** One key answering the save question; other keys are ignored. */
    private String saveAnswer(String key) {
        switch (key) {
            case "Y", "y" -> {
                device.save();
                awaiting = Awaiting.COMMAND;
                administrator = false;
                return key + "\n" + SAVED + "\n";
            }
            case "N", "n" -> {
                awaiting = Awaiting.COMMAND;
                administrator = false;
                return key + "\n";
            }
            default -> {
                return "";
            }
        }
    }

    /** {@code show config | grep WORD}: the lines holding WORD (quotes dropped); the whole output without a filter. */
    private static String grep(String output, String filter) {
        if (filter == null) {
            return output;
        }
        List<String> words = words(filter);
        if (words.size() != 2 || !words.get(0).equals("grep")) {
            throw CliError.command();
        }
        StringBuilder kept = new StringBuilder();
        output.lines().filter(l -> l.contains(words.get(1))).forEach(l -> kept.append(l).append('\n'));
        return kept.toString();
    }

    /** The output as the console shows it: wrapped at the console's columns, a screen at a time unless lines is infinity. */
    private String paged(String output) {
        int columns = device.consoleColumns();
        List<String> screenLines = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            // a bare line end every `columns` characters, no continuation mark [TF console_wrap.go]
            for (int at = 0; at < line.length(); at += columns) {
                screenLines.add(line.substring(at, Math.min(line.length(), at + columns)));
            }
            if (line.isEmpty()) {
                screenLines.add("");
            }
        }
        // split("\n", -1) leaves one empty piece after the last line end
        screenLines.remove(screenLines.size() - 1);
        int screen = device.consoleLines() - 1;
        if (screenLines.size() <= screen) {
            return String.join("\n", screenLines) + (screenLines.isEmpty() ? "" : "\n");
        }
        held.clear();
        held.addAll(screenLines.subList(screen, screenLines.size()));
        awaiting = Awaiting.MORE;
        return String.join("\n", screenLines.subList(0, screen)) + "\n" + MORE;
    }

    /** A key at the pager: space the next screen, Enter one more line, q the end [YNVR §2.4]. */
    private String more(String key) {
        int show = switch (key) {
            case " " -> device.consoleLines() - 1;
            case "\n" -> 1;
            case "q", "Q" -> 0;
            default -> -1;
        };
        if (show < 0) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n");
        for (int i = 0; i < show && !held.isEmpty(); i++) {
            out.append(held.poll()).append('\n');
        }
        if (show == 0) {
            held.clear();
        }
        if (held.isEmpty()) {
            awaiting = Awaiting.COMMAND;
        } else {
            out.append(MORE);
        }
        return out.toString();
    }

    /** Checks a console setting's value [YNVR §4.21-4.24]. */
    private static void console(List<String> words) {
        String what = word(words, 1);
        String value = word(words, 2);
        switch (what) {
            case "lines" -> {
                need(words, 3);
                check(value.equals("infinity") || NUMBER.matcher(value).matches(), CliError::keyword);
                check(value.equals("infinity") || within(value, 10, 100), CliError::range);
            }
            case "columns" -> {
                need(words, 3);
                check(NUMBER.matcher(value).matches(), CliError::keyword);
                check(within(value, 80, 200), CliError::range);
            }
            case "character" -> {
                need(words, 3);
                check(CHARACTERS.contains(value), CliError::keyword);
            }
            case "prompt" -> {
                // an empty prompt text is allowed [YNVR §4.21]
                check(value.length() <= 64, CliError::range);
            }
            default -> throw CliError.command();
        }
        check(words.size() <= 3, CliError::count);
    }

    private static int consoleKey(List<String> words) {
        String what = word(words, 1);
        if (!Set.of("lines", "columns", "character", "prompt").contains(what)) {
            throw CliError.command();
        }
        return 2;
    }

    private static boolean within(String number, int min, int max) {
        return number.length() < 6 && Integer.parseInt(number) >= min && Integer.parseInt(number) <= max;
    }

    // ---------------------------------------------------------------- keys and parameters

    private static String word(List<String> words, int i) {
        return i < words.size() ? words.get(i) : "";
    }

    /** Too few words: {@value #WRONG_COUNT}. */
    private static void need(List<String> words, int n) {
        if (words.size() < n) {
            throw CliError.count();
        }
    }

    /** A failed check draws the error {@code error} makes (which one a real RTX prints for each check: UNCONFIRMED). */
    private static void check(boolean ok, java.util.function.Supplier<CliError> error) {
        if (!ok) {
            throw error.get();
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
                check(lan(second), CliError::keyword);
                return 2;
            }
            case "ip" -> {
                if (second.equals("route")) {
                    need(w, 3);
                    check(third.equals("default") || address(third, true), CliError::address);
                    return 3;
                }
                if (third.equals("address")) {
                    check(lan(second), CliError::keyword);
                    return 3;
                }
                throw w.size() < 3 ? CliError.count() : CliError.command();
            }
            case "lan" -> {
                if (!second.equals("type")) {
                    throw CliError.command();
                }
                need(w, 3);
                check(lan(third), CliError::keyword);
                return 3;
            }
            case "queue" -> {
                need(w, 3);
                if (!third.equals("type")) {
                    throw CliError.command();
                }
                check(lan(second), CliError::keyword);
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
                check(NUMBER.matcher(w.get(3)).matches(), CliError::range);
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
                check(NUMBER.matcher(third).matches(), CliError::range);
                return 3;
            }
            // the router's own settings a base config holds (LabBaseConfig; NVR500 command reference §2, §4.22-4.24 in
            // github highgain86j/RTX_ConfigBuilder command.d/frompdf/nvr500.html): kept and shown
            case "login", "user", "timezone", "console", "dns" -> {
                return baseKeyLength(w);
            }
            case "administrator" -> {
                // `administrator password encrypted X`, as show config prints a set administrator password
                // [SIM cmd_administrator_password.go tokens]; X is the lab's own encoding (Device#encrypted)
                if (!second.equals("password")) {
                    throw CliError.keyword();
                }
                return 2;
            }
            default -> throw CliError.command();
        }
    }

    /** Key lengths of the settings a base config holds: {@code login user NAME}, {@code login password}, ... */
    private static int baseKeyLength(List<String> w) {
        String second = word(w, 1);
        int key = switch (w.get(0) + " " + second) {
            case "login user", "user attribute" -> 3;
            case "login password", "console character", "console lines", "console columns", "console prompt",
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
            check(w.size() == key, CliError::count); // the key is the whole line
            return key;
        }
        check(w.size() > key, CliError::count);
        String first = w.get(key);
        switch (w.get(0)) {
            case "ip" -> {
                if (w.get(1).equals("route")) {
                    check(first.equals("gateway"), CliError::keyword);
                    check(w.size() > key + 1, CliError::count);
                } else {
                    check(w.size() == key + 1, CliError::count);
                    check(first.equals("dhcp") || address(first, true), CliError::address);
                }
            }
            case "lan" -> {
                check(LAN_TYPES.containsKey(first), CliError::keyword);
                options(w, key + 1);
            }
            case "speed" -> {
                check(w.size() == key + 1, CliError::count);
                check(BANDWIDTH.matcher(first).matches(), CliError::range);
            }
            case "queue" -> {
                check(QUEUE_TYPES.contains(first), CliError::keyword);
                options(w, key + 1);
            }
            case "sshd" -> {
                if (w.get(1).equals("service")) {
                    check(w.size() == key + 1, CliError::count);
                    check(first.equals("on") || first.equals("off"), CliError::keyword);
                }
            }
            case "snmp" -> check(w.size() == key + 1, CliError::count);
            case "administrator" -> {
                check(first.equals("encrypted"), CliError::keyword);
                check(w.size() == key + 2, CliError::count);
            }
            default -> {
            }
        }
        return key;
    }

    /** The words from {@code from} on must be {@code name=value} options. */
    private static void options(List<String> w, int from) {
        for (String option : w.subList(from, w.size())) {
            check(option.indexOf('=') > 0, CliError::keyword);
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
        return LabCliSession.quotedWords(line, CliError::count);
    }

    // ---------------------------------------------------------------- the device

    /** A running config line: its text as typed and its key words. */
    private record Line(String text, List<String> key) {
    }

    /**
     * {@code ping [-s datalen] [-c count] [-sa ip_address] [-w wait] host} (Yamaha command reference, operation/ping.html),
     * answered while the WAN carries packets; the answer's form is UNCONFIRMED (LabPing, templates/README.md).
     */
    private String ping(List<String> words) {
        int count = 5;
        String address = null;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (java.util.Set.of("-s", "-c", "-sa", "-w").contains(word)) {
                if (i + 1 >= words.size()) {
                    throw CliError.count();
                }
                String value = words.get(++i);
                if (word.equals("-c")) {
                    if (!value.matches("\\d{1,9}")) {
                        throw CliError.parameter();
                    }
                    count = Integer.parseInt(value);
                }
            } else if (address == null && word.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                address = word;
            } else {
                throw CliError.parameter();
            }
        }
        if (address == null) {
            throw CliError.count();
        }
        return LabPing.bsd(device.router(), address, count, "%.1f", "round-trip min/avg/max");
    }

    /**
     * One virtual Yamaha RTX router: its running config and its ports; shared by its sessions.
     * Thread-safe (sessions lock it).
     */
    public static final class Device extends SavingDevice {
        /** What the device boots with: the config it started with, until a save copies the running config over it. */
        private final VirtualRouter router;
        private final Clock clock;
        private final List<Line> lines = new ArrayList<>();
        /** The administrator password in the lab's own one-way encoding, null when none is set (then only an empty one is taken). */
        private String administratorSecret;

        /** A device whose administrator level has no password (the factory default: {@code administrator} asks for none). */
        public Device(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
            this(router, initialRunningConfig, clock, timers, null);
        }

        /**
         * @param router                the ports that description and lan type changes drive (only those it has a port for)
         * @param initialRunningConfig  a rendered config, one command a line (blank lines and {@code #} comments skipped)
         * @param clock                 stamps the {@code Reporting Date} of {@code show config}
         * @param timers                not used (RTX has no revert timer); kept for the same constructor as the other emulators
         * @param administratorPassword the administrator level's password, set as the operator set it; null: the boot
         *                              config's {@code administrator password encrypted X} if any, else none (then
         *                              {@code administrator} asks for no password). Held as device
         *                              state, not as a config line, so that configs the lab compares stay the rendered ones.
         * @throws IllegalArgumentException for a line the CLI would refuse
         */
        public Device(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers,
                      String administratorPassword) {
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
                    int key = words.get(0).equals("console") ? consoleKey(words) : checked(words);
                    if (words.get(0).equals("console")) {
                        console(words);
                    }
                    store(stripped, List.copyOf(words.subList(0, key)));
                } catch (CliError e) {
                    throw new IllegalArgumentException(e.getMessage() + ": " + line);
                }
            }
            if (administratorPassword != null) {
                administratorSecret = encrypted(administratorPassword);
            }
            save();
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


        /** Always false: RTX has no commit-confirmed or revert timer. */
        @Override
        public boolean revertPending() {
            return false;
        }

        /** Whether {@code typed} is the administrator password. */
        synchronized boolean administratorPassword(String typed) {
            String secret = administratorSecret();
            return secret == null ? typed.isEmpty() : secret.equals(encrypted(typed));
        }

        synchronized boolean administratorPasswordSet() {
            return administratorSecret() != null;
        }

        /** The set password's encoding: the one given at start, else the config's {@code administrator password encrypted X}. */
        private String administratorSecret() {
            if (administratorSecret != null) {
                return administratorSecret;
            }
            return lines.stream().filter(l -> l.key().equals(List.of("administrator", "password")))
                    .map(l -> words(l.text()).get(3)).findFirst().orElse(null);
        }

        /**
         * The lab's one-way encoding of an administrator password, as {@code administrator password
         * encrypted X} holds it (RTX's own encoding: UNCONFIRMED): base64 of the first 12 bytes of its SHA-256.
         */
        public static String encrypted(String password) {
            try {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 12));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The {@code console prompt} text the prompt starts with (empty without one). */
        synchronized String consolePrompt() {
            return consoleValue("prompt", "");
        }

        /** Lines per screen; {@link Integer#MAX_VALUE} for {@code infinity}. */
        synchronized int consoleLines() {
            String value = consoleValue("lines", Integer.toString(DEFAULT_LINES));
            return value.equals("infinity") ? Integer.MAX_VALUE : Integer.parseInt(value);
        }

        synchronized int consoleColumns() {
            return Integer.parseInt(consoleValue("columns", Integer.toString(DEFAULT_COLUMNS)));
        }

        private String consoleValue(String setting, String otherwise) {
            for (Line line : lines) {
                if (line.key().equals(List.of("console", setting))) {
                    List<String> words = words(line.text());
                    return words.size() > 2 ? words.get(2) : "";
                }
            }
            return otherwise;
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
