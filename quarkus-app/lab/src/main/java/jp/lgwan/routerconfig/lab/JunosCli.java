package jp.lgwan.routerconfig.lab;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;

/**
 * One SSH session on a virtual Juniper Junos router: the CLI subset our driver uses (shared/VENDORS.md
 * §2), over a configuration held as an ordered list of {@code set} statements, with a candidate and a
 * committed configuration kept apart as on Junos.
 *
 * <p>The configurations, the commit history, the commit-confirmed timer and the {@link VirtualRouter}
 * belong to a {@link Device} (one per virtual router); every SSH connection gets its own session on it
 * (all sessions share the one candidate, as plain {@code configure} does on Junos):
 * <pre>{@code
 * JunosCli.Device device = new JunosCli.Device(router, renderedConfig, clock, timers);
 * VirtualSshServer.start(hostKey, operatorKey, null, device::newSession);
 * }</pre>
 *
 * <p>What a session emulates:
 * <ul>
 * <li>Operational mode, prompt {@code operator@HOST>}: {@code set cli screen-length N},
 *     {@code set cli screen-width N}, {@code set cli complete-on-space on|off},
 *     {@code show configuration | display set} (the committed statements, one a line; a trailing
 *     {@code | no-more} is accepted), {@code configure [private|exclusive]}, {@code exit}/{@code quit}
 *     (close).</li>
 * <li>Configuration mode, prompt {@code [edit]} on a line of its own then {@code operator@HOST#}:
 *     {@code set STATEMENT} (an identical statement is not added twice; single-valued leaves such as
 *     {@code system host-name}, {@code interfaces I description|speed|link-mode},
 *     {@code system login message}, {@code class-of-service interfaces I shaping-rate} replace their
 *     old value in place); {@code delete PREFIX} (every statement whose words start with PREFIX's);
 *     {@code commit}, {@code commit check}, {@code commit comment TEXT}, {@code commit and-quit},
 *     {@code commit confirmed [N]} (minutes 1-65535, default 10); a plain {@code commit} while a
 *     confirmed commit is pending confirms it; {@code rollback [N]} loads committed revision N into the
 *     candidate; {@code show | display set} (the candidate), {@code show | compare} (prints nothing);
 *     {@code run COMMAND}; {@code top} (no-op); {@code exit}, {@code exit configuration-mode},
 *     {@code quit} (back to operational mode, the candidate kept).</li>
 * <li>Whenever the committed configuration changes (commit, confirmed-commit expiry), each interface
 *     whose statements changed is pushed to the {@link VirtualRouter} (for ports it knows): the
 *     description, the mode ({@code speed 10m|100m|1g|10g} with {@code link-mode full-duplex|half-duplex}
 *     is fixed, no {@code speed}, {@code speed auto-negotiation} or {@code ether-options auto-negotiation}
 *     is auto; the {@code ether-options} forms count as well) and the admin status ({@code disable} = down).</li>
 * <li>Errors: {@value #UNKNOWN_COMMAND} for an operational command it does not know,
 *     {@value #SYNTAX_ERROR} for anything else it cannot take (an unknown configuration-mode command, a
 *     {@code set} of an unknown hierarchy or a bad speed/link-mode value, a quote left open,
 *     {@code commit confirmed} with a bad number, an unsupported {@code show}); {@value #NOT_FOUND} for a
 *     {@code delete} that matched nothing.</li>
 * </ul>
 *
 * <p>Also, as on Junos: every commit needs {@code system root-authentication}, else it prints
 * {@value #MISSING_ROOT_AUTHENTICATION} and commits nothing (3rd-party captures; wording UNCONFIRMED); an SNMPv3 {@code
 * authentication-password} / {@code privacy-password} is stored and shown as {@code
 * authentication-key} / {@code privacy-key} with a new {@code $9$} key at every set (see {@link
 * #stored}). Sources: templates/README.md, "Emulated behaviours and their sources".
 *
 * <p>Simplified: no caret line above the error messages; no blank line before {@code [edit]}; the
 * prompt has no trailing blank and no {@code [edit ...]} sub-hierarchies ({@code edit} is not
 * emulated); statements keep the order they were typed in (a new one goes after the last statement
 * sharing the most leading words with it) instead of Junos' schema order; no validation beyond the
 * top-level keyword and the speed/link-mode values; leaving configuration mode with uncommitted changes
 * does not ask (it prints nothing and keeps the candidate), without changes it prints
 * {@value #EXITING}; {@code show | compare} prints nothing; {@code commit check} does not confirm a
 * pending commit; a second {@code commit confirmed} re-arms the timer and still rolls back to the
 * configuration before the first; a speed without {@code link-mode} (or with {@code automatic}) counts
 * as full duplex; the prompt follows the committed {@code system host-name} (the router's hostname
 * when there is none). Output lines end in {@code \n} (the SSH server turns them into CRLF).
 */
public final class JunosCli extends LabCliSession {

    public static final String USER = "operator";
    public static final String EDIT = "[edit]";
    public static final String ENTERING = "Entering configuration mode";
    public static final String EXITING = "Exiting configuration mode";
    public static final String UNCOMMITTED = "The configuration has been changed but not committed";
    public static final String COMMIT_COMPLETE = "commit complete";
    public static final String CHECK_SUCCEEDS = "configuration check succeeds";
    public static final String LOAD_COMPLETE = "load complete";
    public static final String UNKNOWN_COMMAND = "unknown command.";
    public static final String SYNTAX_ERROR = "syntax error.";
    public static final String NOT_FOUND = "warning: statement not found";
    /**
     * A commit without {@code system root-authentication}: 3rd-party captures of {@code delete system
     * root-authentication} then {@code commit} (no public address kept; wording UNCONFIRMED) show these two lines.
     */
    public static final String MISSING_ROOT_AUTHENTICATION = "Missing mandatory statement: 'root-authentication'\n"
            + "error: commit failed: (missing mandatory statements)";
    public static final int DEFAULT_CONFIRM_MINUTES = 10;
    /** Committed revisions kept for {@code rollback N} (0 = the active one), as on Junos. */
    public static final int MAX_ROLLBACK = 49;

    /** The top-level hierarchies {@code set} and {@code delete} accept. */
    static final Set<String> HIERARCHIES = Set.of("version", "groups", "apply-groups", "system", "chassis", "interfaces", "snmp",
            "forwarding-options", "routing-options", "protocols", "policy-options", "class-of-service", "firewall", "security",
            "routing-instances", "applications", "services", "access");

    /** Leaves holding one value ("*" = any word; the last word is the value): a new value replaces the old. */
    static final List<List<String>> SINGLE_VALUED = List.of(
            List.of("system", "host-name", "*"),
            List.of("system", "domain-name", "*"),
            List.of("system", "time-zone", "*"),
            List.of("system", "login", "message", "*"),
            List.of("system", "login", "announcement", "*"),
            List.of("interfaces", "*", "description", "*"),
            List.of("interfaces", "*", "speed", "*"),
            List.of("interfaces", "*", "link-mode", "*"),
            List.of("interfaces", "*", "mtu", "*"),
            List.of("interfaces", "*", "ether-options", "speed", "*"),
            List.of("interfaces", "*", "ether-options", "link-mode", "*"),
            List.of("interfaces", "*", "unit", "*", "description", "*"),
            List.of("class-of-service", "interfaces", "*", "shaping-rate", "*"),
            List.of("snmp", "v3", "usm", "local-engine", "user", "*", "*", "authentication-key", "*"),
            List.of("snmp", "v3", "usm", "local-engine", "user", "*", "*", "privacy-key", "*"),
            List.of("system", "root-authentication", "encrypted-password", "*"),
            List.of("system", "login", "user", "*", "authentication", "encrypted-password", "*"),
            List.of("routing-options", "router-id", "*"),
            List.of("snmp", "location", "*"),
            List.of("snmp", "contact", "*"),
            List.of("snmp", "description", "*"));

    static final Set<String> SPEEDS = Set.of("10m", "100m", "1g", "10g", "auto", "auto-negotiation");
    static final Set<String> LINK_MODES = Set.of("full-duplex", "half-duplex", "automatic");

    private final Device device;
    private boolean configuring;

    /** A session on the shared device (one per SSH connection). */
    public JunosCli(Device device) {
        super(device);
        this.device = device;
    }

    /** A session on a device of its own; see {@link Device#Device}. */
    public JunosCli(VirtualRouter router, String initialConfig, Clock clock, ScheduledExecutorService timers) {
        this(new Device(router, initialConfig, clock, timers));
    }

    public Device device() {
        return device;
    }

    @Override
    protected String currentPrompt() {
        String host = USER + "@" + device.hostname();
        return configuring ? EDIT + "\n" + host + "#" : host + ">";
    }

    @Override
    protected String answer(String line) {
        try {
            List<String> words = words(line);
            return words.isEmpty() ? "" : configuring ? configuration(words) : operational(words);
        } catch (SyntaxError e) {
            return (configuring ? SYNTAX_ERROR : e.operational) + "\n";
        }
    }


    /** A line the CLI cannot take; {@code operational} is what operational mode prints for it. */
    private static final class SyntaxError extends RuntimeException {
        final String operational;

        SyntaxError(String operational) {
            super(operational, null, false, false);
            this.operational = operational;
        }

        static SyntaxError syntax() {
            return new SyntaxError(SYNTAX_ERROR);
        }

        static SyntaxError unknown() {
            return new SyntaxError(UNKNOWN_COMMAND);
        }
    }

    // ---------------------------------------------------------------- operational mode

    private String operational(List<String> words) {
        String head = words.get(0);
        List<String> rest = words.subList(1, words.size());
        switch (head) {
            case "exit", "quit" -> {
                if (!rest.isEmpty()) {
                    throw SyntaxError.syntax();
                }
                closed = true;
                return "";
            }
            case "configure" -> {
                if (rest.size() > 1 || (rest.size() == 1 && !Set.of("private", "exclusive").contains(rest.get(0)))) {
                    throw SyntaxError.syntax();
                }
                configuring = true;
                return (device.candidateDiffers() ? UNCOMMITTED + "\n" : "") + ENTERING + "\n";
            }
            case "set" -> {
                return setCli(rest);
            }
            case "ping" -> {
                return ping(rest);
            }
            case "show" -> {
                List<String> args = withoutNoMore(rest);
                if (args.equals(List.of("configuration", "|", "display", "set"))) {
                    return lines(device.committed);
                }
                throw SyntaxError.syntax();
            }
            default -> throw SyntaxError.unknown();
        }
    }

    /**
     * {@code ping [no-resolve] [count N] ADDRESS}, answered while the WAN carries packets in BSD ping's form
     * (LabPing; nocproject/noc sa/profiles/Juniper/JUNOS/ping.py). Without a count a real Junos pings until
     * interrupted; the lab then sends 5.
     */
    private String ping(List<String> rest) {
        int count = 5;
        String address = null;
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (word.equals("no-resolve") || word.equals("rapid")) {
                continue;
            }
            if (word.equals("count") && i + 1 < rest.size() && rest.get(i + 1).matches("\\d{1,9}")) {
                count = Integer.parseInt(rest.get(++i));
            } else if (address == null && word.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                address = word;
            } else {
                throw SyntaxError.syntax();
            }
        }
        if (address == null) {
            throw SyntaxError.syntax();
        }
        return LabPing.bsd(device.router(), address, count, "%.0f", "round-trip min/avg/max/stddev");
    }

    private static String setCli(List<String> rest) {
        if (rest.size() != 3 || !rest.get(0).equals("cli")) {
            throw SyntaxError.syntax();
        }
        String value = rest.get(2);
        switch (rest.get(1)) {
            case "screen-length", "screen-width" -> {
                if (!value.matches("\\d{1,6}")) {
                    throw SyntaxError.syntax();
                }
                return (rest.get(1).equals("screen-length") ? "Screen length set to " : "Screen width set to ") + Integer.parseInt(value) + "\n";
            }
            case "complete-on-space" -> {
                if (value.equals("off")) {
                    return "Disabling complete-on-space\n";
                }
                if (value.equals("on")) {
                    return "Enabling complete-on-space\n";
                }
                throw SyntaxError.syntax();
            }
            default -> throw SyntaxError.syntax();
        }
    }

    private static List<String> withoutNoMore(List<String> args) {
        int n = args.size();
        if (n >= 2 && args.get(n - 2).equals("|") && args.get(n - 1).equals("no-more")) {
            return args.subList(0, n - 2);
        }
        return args;
    }

    // ---------------------------------------------------------------- configuration mode

    private String configuration(List<String> words) {
        String head = words.get(0);
        List<String> rest = words.subList(1, words.size());
        switch (head) {
            case "set" -> {
                device.set(stored(statement(rest)));
                return "";
            }
            case "delete" -> {
                return device.delete(statement(rest)) ? "" : NOT_FOUND + "\n";
            }
            case "commit" -> {
                return commit(rest);
            }
            case "rollback" -> {
                int revision = rest.isEmpty() ? 0 : number(rest, 0, MAX_ROLLBACK);
                device.rollback(revision);
                return LOAD_COMPLETE + "\n";
            }
            case "show" -> {
                List<String> args = withoutNoMore(rest);
                if (args.equals(List.of("|", "display", "set"))) {
                    return lines(device.candidate);
                }
                if (args.size() >= 2 && args.get(0).equals("|") && args.get(1).equals("compare")) {
                    return "";
                }
                throw SyntaxError.syntax();
            }
            case "run" -> {
                if (rest.isEmpty()) {
                    throw SyntaxError.syntax();
                }
                String first = rest.get(0);
                if (first.equals("configure") || first.equals("exit") || first.equals("quit")) {
                    throw SyntaxError.syntax();
                }
                return operational(rest);
            }
            case "top" -> {
                if (!rest.isEmpty()) {
                    throw SyntaxError.syntax();
                }
                return "";
            }
            case "exit", "quit" -> {
                if (!(rest.isEmpty() || rest.equals(List.of("configuration-mode")))) {
                    throw SyntaxError.syntax();
                }
                return leave();
            }
            default -> throw SyntaxError.syntax();
        }
    }

    private String leave() {
        configuring = false;
        return device.candidateDiffers() ? "" : EXITING + "\n";
    }

    private String commit(List<String> rest) {
        if (!device.candidateHasRootAuthentication()) {
            return MISSING_ROOT_AUTHENTICATION + "\n";
        }
        if (rest.isEmpty() || (rest.get(0).equals("comment") && rest.size() == 2)) {
            device.commit(0);
            return COMMIT_COMPLETE + "\n";
        }
        switch (rest.get(0)) {
            case "check" -> {
                if (rest.size() != 1) {
                    throw SyntaxError.syntax();
                }
                return CHECK_SUCCEEDS + "\n";
            }
            case "and-quit" -> {
                if (rest.size() != 1) {
                    throw SyntaxError.syntax();
                }
                device.commit(0);
                return COMMIT_COMPLETE + "\n" + leave();
            }
            case "confirmed" -> {
                int minutes = rest.size() == 1 ? DEFAULT_CONFIRM_MINUTES : number(rest, 1, 65535);
                if (minutes < 1) {
                    throw SyntaxError.syntax();
                }
                device.commit(minutes);
                return "commit confirmed will be automatically rolled back in " + minutes + " minutes unless confirmed\n"
                        + COMMIT_COMPLETE + "\n";
            }
            default -> throw SyntaxError.syntax();
        }
    }

    /** The one word after position {@code at - 1}, a number from 0 to {@code max}; nothing may follow. */
    private static int number(List<String> words, int at, int max) {
        if (words.size() != at + 1 || !words.get(at).matches("\\d{1,6}")) {
            throw SyntaxError.syntax();
        }
        int value = Integer.parseInt(words.get(at));
        if (value > max) {
            throw SyntaxError.syntax();
        }
        return value;
    }

    /** The words of a {@code set}/{@code delete} statement, checked: a known hierarchy, valid speed and link-mode values. */
    private static List<String> statement(List<String> words) {
        if (words.isEmpty() || !HIERARCHIES.contains(words.get(0))) {
            throw SyntaxError.syntax();
        }
        if (words.size() >= 4 && words.get(0).equals("interfaces")) {
            List<String> leaf = words.get(2).equals("ether-options") ? words.subList(3, words.size()) : words.subList(2, words.size());
            if (leaf.size() == 2 && leaf.get(0).equals("speed") && !SPEEDS.contains(leaf.get(1))) {
                throw SyntaxError.syntax();
            }
            if (leaf.size() == 2 && leaf.get(0).equals("link-mode") && !LINK_MODES.contains(leaf.get(1))) {
                throw SyntaxError.syntax();
            }
        }
        return List.copyOf(words);
    }

    /**
     * A statement as Junos stores it: an SNMPv3 {@code authentication-password} / {@code privacy-password} becomes
     * {@code authentication-key} / {@code privacy-key} with the key in Junos' reversible {@code $9$} form, different at
     * every commit (gist.github.com/rendaw/541c41527d9c576305dd). The lab's form is not Junos' cipher:
     * a salted digest, so the key never shows.
     */
    static List<String> stored(List<String> statement) {
        int n = statement.size();
        if (n >= 3 && statement.get(0).equals("snmp") && (statement.get(n - 2).equals("authentication-password")
                || statement.get(n - 2).equals("privacy-password"))) {
            List<String> stored = new ArrayList<>(statement.subList(0, n - 2));
            stored.add(statement.get(n - 2).replace("-password", "-key"));
            stored.add(nineKey(statement.get(n - 1)));
            return List.copyOf(stored);
        }
        return statement;
    }

    private static final java.security.SecureRandom SALT = new java.security.SecureRandom();

    static String nineKey(String secret) {
        try {
            byte[] salt = new byte[3];
            SALT.nextBytes(salt);
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            byte[] hash = digest.digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String alphabet = "QzF3n6/9CAtpu0O1IREhcSyrleKMW8LxN-7dVbwsY2g4oaJZGUDjiHkqPf5T.m";
            StringBuilder key = new StringBuilder("$9$");
            for (int i = 0; i < 20; i++) {
                key.append(alphabet.charAt(((i < 3 ? salt[i] : hash[i]) & 0xff) % alphabet.length()));
            }
            return key.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- words

    /** Splits a line into words; a double-quoted string (which may hold blanks) is one word, without its quotes. */
    static List<String> words(String line) {
        return LabCliSession.quotedWords(line, SyntaxError::syntax);
    }

    /** A statement as {@code display set} prints it: words with blanks or Junos syntax characters quoted. */
    static String text(List<String> statement) {
        StringBuilder out = new StringBuilder("set");
        for (String word : statement) {
            out.append(' ');
            // Junos quotes its $9$ keys and password hashes too (gist rendaw/541c41527d9c576305dd)
            boolean quote = word.isEmpty() || word.chars().anyMatch(c -> Character.isWhitespace(c) || "{}();#|[]\"'$".indexOf(c) >= 0);
            out.append(quote ? "\"" + word + "\"" : word);
        }
        return out.toString();
    }

    private static String lines(List<List<String>> statements) {
        StringBuilder out = new StringBuilder();
        for (List<String> statement : statements) {
            out.append(text(statement)).append('\n');
        }
        return out.toString();
    }

    private static boolean startsWith(List<String> statement, List<String> prefix) {
        return statement.size() >= prefix.size() && statement.subList(0, prefix.size()).equals(prefix);
    }

    /** The single-valued leaf pattern the statement fits, or null. */
    private static List<String> leafOf(List<String> statement) {
        for (List<String> pattern : SINGLE_VALUED) {
            if (pattern.size() == statement.size()) {
                boolean fits = true;
                for (int i = 0; i < pattern.size() && fits; i++) {
                    fits = pattern.get(i).equals("*") || pattern.get(i).equals(statement.get(i));
                }
                if (fits) {
                    return pattern;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- the device

    /**
     * One virtual Junos router: its candidate and committed configuration, the committed revisions,
     * the commit-confirmed timer and the ports; shared by its sessions. Thread-safe (sessions and the
     * timer lock it).
     */
    public static final class Device implements EmulatedDevice {
        private final VirtualRouter router;
        private final Clock clock;
        private final ScheduledExecutorService timers;
        private List<List<String>> committed;
        private List<List<String>> candidate;
        /** Committed revisions, the active one first. */
        private final List<List<List<String>>> history = new ArrayList<>();
        private Instant lastCommit;
        private List<List<String>> snapshot;
        private ScheduledFuture<?> timer;
        private long generation;

        /**
         * @param router        the ports that committed interface changes drive (only those it has a port for)
         * @param initialConfig a rendered config: one {@code set} statement a line (blank lines and {@code #} comments skipped)
         * @param clock         stamps the commits
         * @param timers        runs the commit-confirmed rollback
         * @throws IllegalArgumentException for a line that is not a {@code set} statement
         */
        public Device(VirtualRouter router, String initialConfig, Clock clock, ScheduledExecutorService timers) {
            this.router = Objects.requireNonNull(router, "router");
            this.clock = Objects.requireNonNull(clock, "clock");
            this.timers = Objects.requireNonNull(timers, "timers");
            List<List<String>> statements = new ArrayList<>();
            for (String line : Objects.requireNonNull(initialConfig, "initialConfig").split("\n")) {
                String stripped = line.strip();
                if (stripped.isEmpty() || stripped.startsWith("#")) {
                    continue;
                }
                List<String> words;
                try {
                    words = words(stripped);
                } catch (SyntaxError e) {
                    throw new IllegalArgumentException("unbalanced quote: " + line);
                }
                if (words.size() < 2 || !words.get(0).equals("set")) {
                    throw new IllegalArgumentException("not a set statement: " + line);
                }
                List<String> statement = stored(List.copyOf(words.subList(1, words.size())));
                if (!statements.contains(statement)) {
                    statements.add(statement);
                }
            }
            this.committed = List.copyOf(statements);
            this.candidate = new ArrayList<>(statements);
            this.history.add(committed);
            this.lastCommit = clock.instant();
        }

        /** A new CLI session (one per SSH connection); fits {@code Supplier<CliSession>}. */
        @Override
        public JunosCli newSession() {
            return new JunosCli(this);
        }

        public VirtualRouter router() {
            return router;
        }

        /** The committed configuration as {@code show configuration | display set} lists it. */
        @Override
        public synchronized List<String> runningConfig() {
            return committed.stream().map(JunosCli::text).toList();
        }

        /** A commit is what Junos boots with: there is no separate save. */
        @Override
        public synchronized List<String> startupConfig() {
            return runningConfig();
        }

        /** The candidate configuration as {@code show | display set} lists it in configuration mode. */
        public synchronized List<String> candidateConfig() {
            return candidate.stream().map(JunosCli::text).toList();
        }

        /** Whether a {@code commit confirmed} waits for its confirmation. */
        @Override
        public synchronized boolean revertPending() {
            return snapshot != null;
        }

        /** When the active configuration was committed (or loaded at start, or restored by the timer). */
        public synchronized Instant lastCommit() {
            return lastCommit;
        }

        /** The committed {@code system host-name}, else the router's hostname. */
        synchronized String hostname() {
            for (List<String> statement : committed) {
                if (statement.size() == 3 && statement.get(0).equals("system") && statement.get(1).equals("host-name")) {
                    return statement.get(2);
                }
            }
            return router.hostname();
        }

        /** Whether the candidate has {@code system root-authentication}, which every commit needs. */
        synchronized boolean candidateHasRootAuthentication() {
            return candidate.stream().anyMatch(s -> s.size() >= 2 && s.get(0).equals("system") && s.get(1).equals("root-authentication"));
        }

        synchronized boolean candidateDiffers() {
            return !candidate.equals(committed);
        }

        synchronized void set(List<String> statement) {
            if (candidate.contains(statement)) {
                return;
            }
            List<String> leaf = leafOf(statement);
            if (leaf != null) {
                List<String> path = statement.subList(0, statement.size() - 1);
                for (int i = 0; i < candidate.size(); i++) {
                    List<String> other = candidate.get(i);
                    if (other.size() == statement.size() && leaf.equals(leafOf(other)) && startsWith(other, path)) {
                        candidate.set(i, statement);
                        candidate.removeIf(s -> s != statement && s.size() == statement.size() && startsWith(s, path));
                        return;
                    }
                }
            }
            // after the last statement sharing the most leading words, so a hierarchy stays together
            int best = 0;
            int at = candidate.size();
            for (int i = 0; i < candidate.size(); i++) {
                List<String> other = candidate.get(i);
                int common = 0;
                while (common < other.size() && common < statement.size() && other.get(common).equals(statement.get(common))) {
                    common++;
                }
                if (common > 0 && common >= best) {
                    best = common;
                    at = i + 1;
                }
            }
            candidate.add(at, statement);
        }

        /** Removes the candidate statements under the prefix; false when there were none. */
        synchronized boolean delete(List<String> prefix) {
            return candidate.removeIf(statement -> startsWith(statement, prefix));
        }

        synchronized void rollback(int revision) {
            if (revision >= history.size()) {
                throw SyntaxError.syntax();
            }
            candidate = new ArrayList<>(history.get(revision));
        }

        /** Commits the candidate; {@code confirmMinutes > 0} arms the rollback timer, 0 confirms a pending commit. */
        synchronized void commit(int confirmMinutes) {
            if (confirmMinutes > 0) {
                if (snapshot == null) {
                    snapshot = committed;
                }
                schedule(confirmMinutes);
            } else {
                clearTimer();
            }
            activate(candidate);
        }

        private void activate(List<List<String>> config) {
            List<List<String>> before = committed;
            committed = List.copyOf(config);
            candidate = new ArrayList<>(committed);
            history.add(0, committed);
            while (history.size() > MAX_ROLLBACK + 1) {
                history.remove(history.size() - 1);
            }
            lastCommit = clock.instant();
            push(before, committed);
        }

        private void schedule(int minutes) {
            if (timer != null) {
                timer.cancel(false);
            }
            long armed = ++generation;
            timer = timers.schedule(() -> expire(armed), minutes, TimeUnit.MINUTES);
        }

        private synchronized void expire(long armed) {
            if (snapshot != null && armed == generation) {
                List<List<String>> previous = snapshot;
                clearTimer();
                activate(previous);
            }
        }

        private void clearTimer() {
            snapshot = null;
            generation++;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        /** Pushes every interface whose statements differ between the two configurations to the router. */
        private void push(List<List<String>> before, List<List<String>> after) {
            Map<String, List<List<String>>> was = interfaces(before);
            Map<String, List<List<String>>> now = interfaces(after);
            Set<String> names = new LinkedHashSet<>(was.keySet());
            names.addAll(now.keySet());
            for (String name : names) {
                if (!Objects.equals(was.get(name), now.get(name)) && router.portView(name).isPresent()) {
                    List<List<String>> leaves = now.getOrDefault(name, List.of());
                    String description = null;
                    String speed = null;
                    String linkMode = null;
                    boolean autoNegotiation = false;
                    boolean disabled = false;
                    for (List<String> leaf : leaves) {
                        List<String> l = !leaf.isEmpty() && leaf.get(0).equals("ether-options") ? leaf.subList(1, leaf.size()) : leaf;
                        if (l.size() == 2 && l.get(0).equals("description") && l == leaf) {
                            description = l.get(1);
                        } else if (l.size() == 2 && l.get(0).equals("speed")) {
                            speed = l.get(1);
                        } else if (l.size() == 2 && l.get(0).equals("link-mode")) {
                            linkMode = l.get(1);
                        } else if (l.equals(List.of("auto-negotiation")) && l != leaf) {
                            autoNegotiation = true;
                        } else if (leaf.equals(List.of("disable"))) {
                            disabled = true;
                        }
                    }
                    router.configure(name, description, mode(autoNegotiation, speed, linkMode), !disabled);
                }
            }
        }

        /** Each interface's statements (the words after {@code interfaces NAME}), by name. */
        private static Map<String, List<List<String>>> interfaces(List<List<String>> config) {
            Map<String, List<List<String>>> byName = new LinkedHashMap<>();
            for (List<String> statement : config) {
                if (statement.size() >= 3 && statement.get(0).equals("interfaces")) {
                    byName.computeIfAbsent(statement.get(1), k -> new ArrayList<>()).add(statement.subList(2, statement.size()));
                }
            }
            return byName;
        }

        static InterfaceMode mode(boolean autoNegotiation, String speed, String linkMode) {
            if (autoNegotiation || speed == null) {
                return InterfaceMode.AUTO;
            }
            int mbps = switch (speed) {
                case "10m" -> 10;
                case "100m" -> 100;
                case "1g" -> 1000;
                case "10g" -> 10000;
                default -> 0;
            };
            if (mbps == 0) {
                return InterfaceMode.AUTO;
            }
            return InterfaceMode.fixed(mbps, "half-duplex".equals(linkMode) ? Duplex.HALF : Duplex.FULL);
        }
    }
}
