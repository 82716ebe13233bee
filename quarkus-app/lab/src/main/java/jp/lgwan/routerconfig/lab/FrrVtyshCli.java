package jp.lgwan.routerconfig.lab;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One vtysh session on a virtual FRRouting router: the CLI subset our driver uses (shared/VENDORS.md
 * §5, templates/frr/dialect.yaml), over a running config held as text lines the way vtysh prints
 * them: top-level lines, {@code interface X} blocks with sub-lines indented one blank and closed by
 * {@code exit}, groups separated by {@code !}.
 *
 * <p>The running config and the {@link VirtualRouter} belong to a {@link Device} (one per virtual
 * router); every SSH connection gets its own session on it:
 * <pre>{@code
 * FrrVtyshCli.Device device = new FrrVtyshCli.Device(router, renderedConfig, clock, timers);
 * VirtualSshServer.start(hostKey, operatorKey, null, device::newSession);
 * }</pre>
 *
 * <p>What a session emulates (as vtysh of frr 8.4.4 does):
 * <ul>
 * <li>Prompts {@code HOST#} (at login), {@code HOST(config)#}, {@code HOST(config-if)#}; HOST
 *     follows the {@code hostname} line (the router's hostname when there is none). No banner.</li>
 * <li>Any mode: {@code terminal length N} (no output), {@code show running-config}
 *     ({@value #BUILDING_SHOW}, a blank line, {@value #CURRENT}, {@code !}, {@value #VERSION},
 *     {@value #DEFAULTS}, the config lines, {@code end}), {@code write memory}
 *     ({@value #BUILDING_WRITE} then {@value #SAVED}); both also with a {@code do } prefix. Empty
 *     lines and lines starting with {@code !} do nothing.</li>
 * <li>Exec: {@code configure terminal} (or {@code configure}), {@code exit}/{@code quit} (closes
 *     the session), {@code end} (nothing).</li>
 * <li>Config: {@code hostname X} (replaces), {@code log syslog [LEVEL]} (replaces),
 *     {@code service integrated-vtysh-config}, {@code ip route P N} (added once per P+N, after the
 *     other routes), {@code no ip route P N}, {@code banner motd line TEXT} (accepted, not shown:
 *     vtysh.conf matter), {@code interface X} (enters the block, made with its {@code exit} when
 *     missing), {@code exit}/{@code quit} (to exec), {@code end} (to exec).</li>
 * <li>Config-if: {@code description TEXT} (replaces), {@code no description},
 *     {@code ip address A/L} (added; several allowed), {@code no ip address A/L},
 *     {@code exit}/{@code quit} (to config), {@code end} (to exec). A config-level command typed
 *     here applies at the config level and leaves the block, as vtysh walks up to the parent node.
 *     After a change, a port of the {@link VirtualRouter} with the interface's name gets the
 *     block's description (mode and admin status stay: FRR has no speed/duplex).</li>
 * <li>Errors: {@code % Unknown command: LINE} (the line as typed), and
 *     {@code % Command incomplete: LINE} for a known command missing its arguments.</li>
 * </ul>
 *
 * <p>Each behaviour's source (FRRouting/frr {@code vtysh/vtysh.c}, {@code lib/command.c}, measurements with FRR
 * 8.4.4) is in templates/README.md, "Emulated behaviours and their sources"; lab routers boot with
 * {@link LabBaseConfig}'s unowned lines ({@code no ipv6 forwarding}, {@code router bgp}) around the rendered config.
 *
 * <p>Simplified: comment lines ({@code !…}) and {@code banner motd} lines of the initial config are
 * dropped (vtysh keeps neither), as is its closing {@code end}; lines keep the order of the
 * rendered config (real vtysh orders them per daemon); {@code write memory} keeps a startup
 * config, but nothing reloads it; no abbreviations, {@code ?} help, {@code shutdown}, other daemons' commands, no
 * transactional CLI (so no revert timer); {@code no ip address}/{@code no ip route} for a missing
 * line is silently accepted. Output lines end in {@code \n}.
 */
public final class FrrVtyshCli extends LabCliSession {

    public static final String UNKNOWN_COMMAND = "% Unknown command: ";
    public static final String INCOMPLETE_COMMAND = "% Command incomplete: ";
    public static final String BUILDING_SHOW = "Building configuration...";
    public static final String CURRENT = "Current configuration:";
    public static final String VERSION = "frr version 8.4.4";
    public static final String DEFAULTS = "frr defaults traditional";
    public static final String BUILDING_WRITE = "Building Configuration...";
    public static final String SAVED = "[OK]";

    private static final String PREFIX = "(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}";
    private static final String ADDRESS = "(\\d{1,3}\\.){3}\\d{1,3}";

    private final Device device;
    /** 0 exec, 1 config, 2 config-if. */
    private int level;
    /** The interface of the block at level 2. */
    private String itf;
    /**
     * The address a {@code ping WORD} is pinging until Ctrl-C (null: none): vtysh runs the host's ping with no count
     * (FRRouting/frr vtysh/vtysh.c vtysh_ping), so no prompt comes until the session's ETX interrupts it.
     */
    private String pinging;

    /** A session on the shared device (one per SSH connection). */
    public FrrVtyshCli(Device device) {
        super(device);
        this.device = device;
    }

    /** A session on a device of its own; see {@link Device#Device}. */
    public FrrVtyshCli(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
        this(new Device(router, initialRunningConfig, clock, timers));
    }

    public Device device() {
        return device;
    }

    @Override
    protected boolean keyInput() {
        return pinging != null;
    }

    @Override
    protected String currentPrompt() {
        if (pinging != null) {
            return "";
        }
        String host = device.hostname();
        return switch (level) {
            case 0 -> host + "#";
            case 1 -> host + "(config)#";
            default -> host + "(config-if)#";
        };
    }

    @Override
    protected String answer(String line) {
        return execute(line);
    }


    // ---------------------------------------------------------------- dispatch

    private String execute(String line) {
        if (pinging != null) {
            // a key while the host's ping runs: Ctrl-C (ETX) ends it with its summary; any other key is the ping's, ignored
            if (!line.equals("\u0003")) {
                return "";
            }
            // the lab counts three echo requests, one a second, whenever the interrupt comes
            String summary = LabPing.iputilsEnd(device.router(), pinging, 3);
            pinging = null;
            return summary;
        }
        String text = line.strip().replaceAll("\\s+", " ");
        if (level == 0 && text.matches("ping (ip )?" + ADDRESS)) {
            pinging = text.substring(text.lastIndexOf(' ') + 1);
            return LabPing.iputilsStart(pinging);
        }
        if (text.isEmpty() || text.startsWith("!")) {
            return "";
        }
        String any = text.startsWith("do ") && level > 0 ? text.substring(3) : text;
        if (any.equals("show running-config")) {
            return show();
        }
        if (any.equals("write memory") || any.equals("write")) {
            device.save();
            return BUILDING_WRITE + "\n" + SAVED + "\n";
        }
        if (any.matches("terminal length \\d{1,3}")) {
            return "";
        }
        if (text.equals("end")) {
            level = 0;
            itf = null;
            return "";
        }
        if (text.equals("exit") || text.equals("quit")) {
            if (level == 0) {
                closed = true;
            } else {
                level--;
                itf = null;
            }
            return "";
        }
        List<String> words = List.of(text.split(" "));
        if (level == 0) {
            if (text.equals("configure terminal") || text.equals("configure")) {
                level = 1;
                return "";
            }
            return error(line, words);
        }
        if (level == 2) {
            Boolean done = interfaceCommand(words);
            if (done != null) {
                if (done) {
                    device.push(itf);
                    return "";
                }
                return INCOMPLETE_COMMAND + line + "\n";
            }
        }
        Boolean done = configCommand(words, text);
        if (done == null) {
            return error(line, words);
        }
        if (!done) {
            return INCOMPLETE_COMMAND + line + "\n";
        }
        if (level == 2) {
            // vtysh ran it in the parent node and stays there
            level = 1;
            itf = null;
        }
        if (words.get(0).equals("interface")) {
            itf = words.get(1);
            level = 2;
        }
        return "";
    }

    private String error(String line, List<String> words) {
        if (level == 0 && words.get(0).equals("configure") || level == 0 && words.equals(List.of("show"))) {
            return INCOMPLETE_COMMAND + line + "\n";
        }
        return UNKNOWN_COMMAND + line + "\n";
    }

    /** An interface sub-command: true done, false incomplete, null not one. */
    private Boolean interfaceCommand(List<String> words) {
        boolean no = words.get(0).equals("no");
        List<String> cmd = no ? words.subList(1, words.size()) : words;
        if (cmd.isEmpty()) {
            return null;
        }
        if (cmd.get(0).equals("description")) {
            if (no) {
                device.removeSub(itf, "description");
                return true;
            }
            if (cmd.size() < 2) {
                return false;
            }
            device.setDescription(itf, String.join(" ", cmd));
            return true;
        }
        if (cmd.get(0).equals("ip") && cmd.size() >= 2 && cmd.get(1).equals("address")) {
            if (cmd.size() == 2) {
                return false;
            }
            if (cmd.size() != 3 || !cmd.get(2).matches(PREFIX)) {
                return null;
            }
            String sub = "ip address " + cmd.get(2);
            if (no) {
                device.removeSub(itf, sub);
            } else {
                device.addSub(itf, sub);
            }
            return true;
        }
        return null;
    }

    /** A config-level command: true done, false incomplete, null not one. */
    private Boolean configCommand(List<String> words, String text) {
        int n = words.size();
        switch (words.get(0)) {
            case "hostname" -> {
                if (n == 1) {
                    return false;
                }
                if (n != 2) {
                    return null;
                }
                device.setTop("hostname ", text);
                return true;
            }
            case "log" -> {
                if (n >= 2 && words.get(1).equals("syslog") && n <= 3) {
                    device.setTop("log syslog", text);
                    return true;
                }
                return n == 1 ? false : null;
            }
            case "service" -> {
                if (text.equals("service integrated-vtysh-config")) {
                    device.setTop("service integrated-vtysh-config", text);
                    return true;
                }
                return n == 1 ? false : null;
            }
            case "banner" -> {
                if (n >= 4 && words.get(1).equals("motd") && words.get(2).equals("line")) {
                    return true;
                }
                return n <= 3 && "motd line".startsWith(String.join(" ", words.subList(1, n))) ? false : null;
            }
            case "interface" -> {
                if (n == 1) {
                    return false;
                }
                if (n != 2) {
                    return null;
                }
                device.block(words.get(1));
                return true;
            }
            case "ip", "no" -> {
                boolean no = words.get(0).equals("no");
                List<String> cmd = no ? words.subList(1, n) : words;
                if (cmd.size() < 2 || !cmd.get(0).equals("ip") || !cmd.get(1).equals("route")) {
                    return cmd.equals(List.of("ip")) && !no ? false : null;
                }
                if (cmd.size() < 4) {
                    return cmd.size() == 2 || cmd.get(2).matches(PREFIX) ? false : null;
                }
                if (cmd.size() != 4 || !cmd.get(2).matches(PREFIX) || !cmd.get(3).matches(ADDRESS)) {
                    return null;
                }
                String route = String.join(" ", cmd);
                if (no) {
                    device.removeRoute(route);
                } else {
                    device.addRoute(route);
                }
                return true;
            }
            default -> {
                return null;
            }
        }
    }

    private String show() {
        StringBuilder out = new StringBuilder();
        out.append(BUILDING_SHOW).append("\n\n").append(CURRENT).append("\n!\n")
                .append(VERSION).append('\n').append(DEFAULTS).append('\n');
        device.lines.forEach(l -> out.append(l).append('\n'));
        return out.append("end\n").toString();
    }

    // ---------------------------------------------------------------- the device

    /**
     * One virtual FRR router as its vtysh sessions share it: the running config and the
     * {@link VirtualRouter} whose port descriptions follow the interface blocks. Thread-safe
     * (sessions lock the device).
     */
    public static final class Device extends SavingDevice {
        /** What the device boots with: the config it started with, until a save copies the running config over it. */
        private final VirtualRouter router;
        /** The running config as show running-config prints it between the header and {@code end}. */
        private final List<String> lines = new ArrayList<>();

        /**
         * @param router               the ports whose descriptions interface changes drive (only those it has a port for)
         * @param initialRunningConfig a rendered config: comment lines, {@code banner motd} lines and the
         *                             closing {@code end} are dropped, runs of {@code !} become one
         * @param clock                unused (kept for the common constructor shape)
         * @param timers               unused: no transactional CLI, so no revert timer (kept for the common constructor shape)
         */
        public Device(VirtualRouter router, String initialRunningConfig, Clock clock, ScheduledExecutorService timers) {
            this.router = Objects.requireNonNull(router, "router");
            Objects.requireNonNull(clock, "clock");
            for (String raw : Objects.requireNonNull(initialRunningConfig, "initialRunningConfig").replace("\r\n", "\n").split("\n")) {
                String line = raw.stripTrailing();
                String text = line.strip();
                // "frr version"/"frr defaults" are what show running-config prints as its header
                if (text.isEmpty() || text.startsWith("!") && !text.equals("!") || text.equals("end")
                        || text.startsWith("banner motd ") || text.startsWith("frr version ") || text.startsWith("frr defaults ")) {
                    continue;
                }
                lines.add(line);
            }
            tidy();
            save();
        }

        /** A new CLI session (one per SSH connection); fits {@code Supplier<CliSession>}. */
        @Override
        public FrrVtyshCli newSession() {
            return new FrrVtyshCli(this);
        }

        public VirtualRouter router() {
            return router;
        }

        /**
         * The running config as {@code show running-config} lists it, without the header and the
         * closing {@code end}: top-level lines, then the static routes by prefix length and address,
         * then the interface blocks — FRR 8.4's order whatever order they were typed in.
         */
        @Override
        public synchronized List<String> runningConfig() {
            List<String> top = new ArrayList<>();
            List<String> routes = new ArrayList<>();
            List<String> blocks = new ArrayList<>();
            boolean inBlocks = false;
            for (String line : lines) {
                if (line.startsWith("ip route ")) {
                    routes.add(line);
                } else if (line.startsWith("interface ") || inBlocks) {
                    inBlocks = true;
                    blocks.add(line);
                } else {
                    top.add(line);
                }
            }
            routes.sort(java.util.Comparator.comparingInt(FrrVtyshCli::prefixLength).thenComparingLong(FrrVtyshCli::prefixNumber));
            List<String> shown = new ArrayList<>(top);
            if (!routes.isEmpty()) {
                if (shown.isEmpty() || !shown.get(shown.size() - 1).equals("!")) {
                    shown.add("!");
                }
                shown.addAll(routes);
                shown.add("!");
            }
            shown.addAll(blocks);
            List<String> tidy = new ArrayList<>();
            for (String line : shown) {
                if (!(line.equals("!") && (tidy.isEmpty() || tidy.get(tidy.size() - 1).equals("!")))) {
                    tidy.add(line);
                }
            }
            return List.copyOf(tidy);
        }


        /** Always false: without the transactional CLI FRR has no commit-confirmed. */
        @Override
        public boolean revertPending() {
            return false;
        }

        synchronized String hostname() {
            for (String line : lines) {
                String[] w = line.strip().split("\\s+");
                if (w.length == 2 && w[0].equals("hostname")) {
                    return w[1];
                }
            }
            return router.hostname();
        }

        // ------------------------------------------------------------ edits

        /** No leading "!", none right after another. */
        private void tidy() {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).equals("!") && (i == 0 || lines.get(i - 1).equals("!"))) {
                    lines.remove(i);
                }
            }
        }

        /** Replaces the first top-level line starting with {@code head}, or adds the line at the end of the first group. */
        void setTop(String head, String text) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(head)) {
                    lines.set(i, text);
                    return;
                }
            }
            int at = head.startsWith("hostname") ? 0 : firstGroupEnd();
            lines.add(at, text);
        }

        /** The index after the first group of top-level lines (before its "!" or first block). */
        private int firstGroupEnd() {
            int i = 0;
            while (i < lines.size() && !lines.get(i).equals("!") && !lines.get(i).startsWith("interface ")) {
                i++;
            }
            return i;
        }

        void addRoute(String route) {
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals(route)) {
                    return;
                }
                if (lines.get(i).startsWith("ip route ")) {
                    last = i;
                }
            }
            if (last >= 0) {
                lines.add(last + 1, route);
                return;
            }
            if (lines.isEmpty() || !lines.get(lines.size() - 1).equals("!")) {
                lines.add("!");
            }
            lines.add(route);
            lines.add("!");
        }

        void removeRoute(String route) {
            if (lines.remove(route)) {
                tidy();
            }
        }

        private int header(String name) {
            return lines.indexOf("interface " + name);
        }

        /** The index of the block's closing {@code exit}. */
        private int blockEnd(int header) {
            int i = header + 1;
            while (i < lines.size() && !lines.get(i).equals("exit")) {
                i++;
            }
            return i;
        }

        /** Makes the interface block (after the last one, else at the end) when missing. */
        void block(String name) {
            if (header(name) >= 0) {
                return;
            }
            int lastEnd = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("interface ")) {
                    lastEnd = blockEnd(i);
                }
            }
            List<String> block = List.of("interface " + name, "exit");
            if (lastEnd >= 0) {
                List<String> group = new ArrayList<>(List.of("!"));
                group.addAll(block);
                lines.addAll(Math.min(lastEnd + 1, lines.size()), group);
            } else {
                if (lines.isEmpty() || !lines.get(lines.size() - 1).equals("!")) {
                    lines.add("!");
                }
                lines.addAll(block);
                lines.add("!");
            }
        }

        /** Replaces the block's description, or puts it first. */
        void setDescription(String name, String text) {
            int h = header(name);
            int end = blockEnd(h);
            for (int i = h + 1; i < end; i++) {
                if (lines.get(i).strip().startsWith("description ")) {
                    lines.set(i, " " + text);
                    return;
                }
            }
            lines.add(h + 1, " " + text);
        }

        /** Adds the sub-line before the block's {@code exit} unless it is there. */
        void addSub(String name, String text) {
            int h = header(name);
            int end = blockEnd(h);
            for (int i = h + 1; i < end; i++) {
                if (lines.get(i).strip().equals(text)) {
                    return;
                }
            }
            lines.add(end, " " + text);
        }

        /** Removes the block's sub-lines equal to {@code text} or, for {@code description}, every description. */
        void removeSub(String name, String text) {
            int h = header(name);
            int end = blockEnd(h);
            for (int i = end - 1; i > h; i--) {
                String sub = lines.get(i).strip();
                if (sub.equals(text) || text.equals("description") && sub.startsWith("description ")) {
                    lines.remove(i);
                }
            }
        }

        /** Pushes the block's description to the router's port of that name, if it has one. */
        void push(String name) {
            Optional<VirtualRouter.PortView> port = router.portView(name);
            if (port.isEmpty()) {
                return;
            }
            String description = null;
            int h = header(name);
            int end = blockEnd(h);
            for (int i = h + 1; i < end; i++) {
                String sub = lines.get(i).strip();
                if (sub.startsWith("description ")) {
                    description = sub.substring("description ".length());
                }
            }
            router.configure(name, description, port.get().mode(), port.get().adminUp());
        }
    }

    /** "ip route 10.0.0.0/8 192.0.2.1" -> 8. */
    static int prefixLength(String route) {
        String prefix = route.split("\\s+")[2];
        return Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
    }

    /** "ip route 10.0.0.0/8 192.0.2.1" -> the address as a number. */
    static long prefixNumber(String route) {
        String prefix = route.split("\\s+")[2];
        long number = 0;
        for (String octet : prefix.substring(0, prefix.indexOf('/')).split("\\.")) {
            number = number * 256 + Integer.parseInt(octet);
        }
        return number;
    }
}
