package jp.lgwan.routerconfig.device;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import jp.lgwan.routerconfig.render.ConfigDiff;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.SecretPlaceholder;
import org.jboss.logging.Logger;

/**
 * A {@link RouterDriver} for any CLI dialect whose facts are data ({@link Dialect.Cli}): it logs in
 * over {@link SshCli} (starting the CLI from a login shell where the dialect says how), runs the
 * session set-up, and pushes inside the dialect's configuration mode what turns the owned part of
 * the running config into the candidate ({@link RestorePlan}: changed and missing lines typed, owned
 * lines the candidate drops undone). What the project does not own ({@link Dialect#owned}: users,
 * archive, licences, BGP ...) is never compared, typed or undone, in any direction. Where the dialect
 * has a revert timer of its own (IOS-XE's {@code configure terminal revert timer}), the change is
 * armed with it, after its preconditions are checked (the archive); where it has none (FRR without
 * its transactional CLI), the service guards it: the running config is backed up first and a
 * watchdog restores its owned part ({@link RestorePlan}, over a session of its own) unless the
 * change is confirmed in time. A rejected line rolls the change back at once and fails naming the
 * line; a line whose secret is not filled in is never typed.
 *
 * <p>Every session, the caller's and the watchdog's, lives the dialect's {@link Dialect.Session}:
 * it elevates where a login lands below the configuring level (Yamaha RTX {@code administrator}),
 * reads the values its set-up is about to change where those are configuration lines (RTX
 * {@code console lines infinity}) and puts them back before a save and at logout, answers the
 * device's questions, and logs out with the dialect's commands. Shows and saves run inside
 * configuration mode where the dialect allows them only there (NEC IX), and leaving configuration
 * mode repeats the exit until the prompt is out of it, so a session never holds the device's one
 * configuration mode longer than a step needs (IX lets one session at a time in).
 */
public final class CliRouterDriver implements RouterDriver {

    private static final Logger LOG = Logger.getLogger(CliRouterDriver.class);
    /** Exits typed at most to leave configuration mode (the deepest IX block is two levels below it). */
    private static final int MAX_CONFIG_DEPTH = 8;
    /** Single characters a banner is typed with in place of show-run's two-character {@code ^C} (ETX), the first the text lacks. */
    private static final String TEXT_DELIMITERS = "#%@~&$*+=|";

    private final String hostname;
    private final SshCli.Endpoint endpoint;
    private final Dialect dialect;
    private final KeyPair key;
    private final String password;
    private final AdministratorPassword administrator;
    /** Per open session: the commands that put back what its set-up changed (dialects whose set-up is configuration). */
    private final Map<SshCli, List<String>> setupRestores = Collections.synchronizedMap(new IdentityHashMap<>());
    private final ScheduledExecutorService watchdogs;
    private SshCli cli;
    private String candidate;
    /** The intended config that says what the project owns on this router (the candidate's, or the one a backup restores within). */
    private String scope;
    /** Rendered lines no {@code owned:} rule covers, which no push would ever type: the candidate is refused. */
    private List<String> unownedIntent = List.of();
    private String backup;
    private String backupScope;
    /**
     * The running config as this driver last read it, until the driver changes the router: the
     * backup, the compare and the commit's plan then work from one reading (one consistent base, and
     * two fewer transfers of the whole config per push).
     */
    private volatile String shown;
    private ScheduledFuture<?> watchdog;
    private volatile String watchdogOutcome;

    public CliRouterDriver(String hostname, SshCli.Endpoint endpoint, Dialect dialect, KeyPair key, String password) {
        this(hostname, endpoint, dialect, key, password, null);
    }

    /** With {@code watchdogs} to run the service-side revert for dialects without a revert timer. */
    public CliRouterDriver(String hostname, SshCli.Endpoint endpoint, Dialect dialect, KeyPair key, String password,
                           ScheduledExecutorService watchdogs) {
        this(hostname, endpoint, dialect, key, password, null, watchdogs);
    }

    /** With the password of the CLI's administrator level, for dialects that elevate after login (null: none given). */
    public CliRouterDriver(String hostname, SshCli.Endpoint endpoint, Dialect dialect, KeyPair key, String password,
                           AdministratorPassword administrator, ScheduledExecutorService watchdogs) {
        if (dialect.cli() == null) {
            throw new IllegalArgumentException("dialect " + dialect.profile() + " has no CLI facts (cli: in its dialect.yaml)");
        }
        this.hostname = hostname;
        this.endpoint = endpoint;
        // what the device stores is what the driver compares and pushes
        this.dialect = dialect.onDevice();
        this.key = key;
        this.password = password;
        this.administrator = administrator;
        this.watchdogs = watchdogs;
    }

    @Override
    public void open() throws DeviceException {
        cli = login();
    }

    private SshCli login() throws DeviceException {
        Dialect.Cli cli = dialect.cli();
        Dialect.Session life = cli.session();
        List<SshCli.Question> questions = life.questions().stream().map(q -> new SshCli.Question(q.prompt(), q.answer())).toList();
        SshCli.Start start = cli.sessionStart() == null ? null : new SshCli.Start(cli.sessionStart().shellPrompt(), cli.sessionStart().command());
        SshCli session = SshCli.open(endpoint, new SshCli.Dialect(cli.prompt(), cli.errors(), questions), key, password, start);
        if (cli.question() != null) {
            session.decline(cli.question().prompt(), cli.question().answer());
        }
        try {
            elevate(session, life.elevate());
        } catch (DeviceException | RuntimeException e) {
            // below the configuring level nothing was set up: nothing to put back, no logout to type into a password request
            session.close();
            throw e;
        }
        try {
            if (!life.setupRead().isEmpty()) {
                setupRestores.put(session, life.restoring(cli.sessionSetup(), session.command(life.setupRead()), cli.negate()));
            }
            for (String setup : cli.sessionSetup()) {
                session.command(setup);
            }
            return session;
        } catch (DeviceException | RuntimeException e) {
            logout(session);
            throw e;
        }
    }

    /**
     * Reaches the configuring level where the login landed below it. Without an administrator
     * password the step is still tried: a router with none set does not ask for one (NVR500 command
     * reference §2.1.1 「管理パスワードが設定してあれば…入力が必要」).
     */
    private void elevate(SshCli session, Dialect.Elevation elevation) throws DeviceException {
        if (elevation == null || elevation.elevatedPrompt().matcher(session.lastPrompt()).find()) {
            return;
        }
        String landed = session.lastPrompt().strip();
        if (!session.elevate(elevation.command(), elevation.passwordPrompt(), administrator == null ? null : administrator.value())) {
            throw new DeviceException(hostname + ": the " + dialect.profile() + " CLI logged in at '" + landed + "' and configures only after '"
                    + elevation.command() + "' and the administrator password, and no such password was given (the router's"
                    + " credentials.admin_ref names the secret)");
        }
        if (!elevation.elevatedPrompt().matcher(session.lastPrompt()).find()) {
            throw new DeviceException(hostname + ": '" + elevation.command() + "' did not reach the administrator level (prompt '"
                    + session.lastPrompt().strip() + "')");
        }
    }

    @Override
    public String runningConfig() throws DeviceException {
        shown = show(session());
        return shown;
    }

    /** The running config, read inside configuration mode where the dialect shows it only there. */
    private String show(SshCli session) throws DeviceException {
        if (!dialect.cli().configMode().showInside()) {
            return session.command(dialect.cli().showConfig());
        }
        command(session, dialect.cli().enterConfig());
        String config = session.command(dialect.cli().showConfig());
        leaveConfig(session);
        return config;
    }

    /**
     * Leaves configuration mode: the dialect's exit, repeated while the prompt still shows a
     * configuration mode (IX leaves one level per {@code exit}, as netmiko's and Rucdev/ix_ansible's
     * drivers type it until the prompt has no {@code (config}).
     */
    private void leaveConfig(SshCli session) throws DeviceException {
        command(session, dialect.cli().exitConfig());
        java.util.regex.Pattern inside = dialect.cli().configMode().prompt();
        for (int exits = 1; inside != null && inside.matcher(session.lastPrompt()).find(); exits++) {
            if (exits == MAX_CONFIG_DEPTH) {
                throw new DeviceException(hostname + ": still in configuration mode after " + exits + " '" + dialect.cli().exitConfig()
                        + "' (prompt '" + session.lastPrompt().strip() + "')");
            }
            session.command(dialect.cli().exitConfig());
        }
    }

    /** The running config as last read, read first if the driver changed the router since (or never read it). */
    private String lastShown() throws DeviceException {
        String last = shown;
        return last != null ? last : runningConfig();
    }

    @Override
    public void loadCandidate(String intendedConfig) {
        // compared with and typed as the device shows it: a line it shows otherwise would always count as changed
        this.candidate = dialect.cli().asDisplayed(intendedConfig);
        this.scope = candidate;
        this.unownedIntent = dialect.ownership().unowned(dialect, candidate);
    }

    @Override
    public void loadBackup(String backup, String intendedConfig) {
        this.candidate = backup;
        this.scope = dialect.cli().asDisplayed(intendedConfig);
        this.unownedIntent = List.of();
    }

    @Override
    public ConfigDiff compare() throws DeviceException {
        refuseUnownedIntent();
        // secrets the device shows its own way compare by presence
        return ConfigDiff.between(hostname, dialect, dialect.maskSecrets(ownedRunning()), dialect.maskSecrets(ownedCandidate()));
    }

    private String ownedRunning() throws DeviceException {
        requireCandidate();
        return dialect.owned(lastShown(), scope);
    }

    /** An intended config with a line the dialect does not own would be pushed without it: refused, naming the lines. */
    private void refuseUnownedIntent() throws DeviceException {
        if (!unownedIntent.isEmpty()) {
            throw new DeviceException(hostname + ": the intended config has lines templates/" + dialect.profile()
                    + "/dialect.yaml does not own (owned:), which no push would type: "
                    + String.join("; ", unownedIntent.stream().limit(3).map(SecretPlaceholder::mask).toList())
                    + (unownedIntent.size() > 3 ? " (and " + (unownedIntent.size() - 3) + " more)" : ""));
        }
    }

    /**
     * The owned part of the candidate, less the lines the device never shows (IOS {@code snmp-server
     * user}) that it has already: those compare by presence, read with a command of their own.
     */
    private String ownedCandidate() throws DeviceException {
        String owned = dialect.owned(requireCandidate(), scope);
        if (dialect.hiddenLines().isEmpty()) {
            return owned;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : owned.split("\n")) {
            if (!line.isEmpty() && !hiddenAndPresent(line)) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private boolean hiddenAndPresent(String line) throws DeviceException {
        for (Dialect.HiddenLine hidden : dialect.hiddenLines()) {
            Matcher m = hidden.line().matcher(line);
            if (m.matches()) {
                return hidden.presentIn(m, session().command(hidden.showFor(m)));
            }
        }
        return false;
    }

    /** Commands before the changes, the changes, and commands after: what a push types. */
    private record Steps(List<String> before, List<String> changes, List<String> after) {
        List<String> all() {
            List<String> all = new ArrayList<>(before);
            all.addAll(changes);
            all.addAll(after);
            return all.stream().filter(c -> !c.isEmpty()).toList();
        }
    }

    private Steps steps(String running, String target, String within, Duration revertIn) {
        return framed(dialect, typed(RestorePlan.between(dialect, dialect.owned(running, within), target)), revertIn);
    }

    /** {@code changes} inside what the dialect types around them: its revert timer armed and committed, or its configuration mode. */
    private static Steps framed(Dialect dialect, List<String> changes, Duration revertIn) {
        Dialect.RevertTimer timer = dialect.cli().revertTimer();
        if (timer == null) {
            return new Steps(List.of(dialect.cli().enterConfig()), changes, List.of(dialect.cli().exitConfig()));
        }
        String minutes = Integer.toString(timer.minutes(revertIn));
        String enter = timer.arm() != null ? timer.arm().replace("{minutes}", minutes) : dialect.cli().enterConfig();
        List<String> after = new ArrayList<>();
        if (timer.commit() != null) {
            after.add(timer.commit().replace("{minutes}", minutes));
        }
        after.add(dialect.cli().exitConfig());
        return new Steps(List.of(enter), changes, after);
    }

    @Override
    public PushPlan plan(Duration revertIn) throws DeviceException {
        refuseUnownedIntent();
        Steps steps = steps(lastShown(), ownedCandidate(), scope, revertIn);
        return new PushPlan(steps.all(), steps.changes().size());
    }

    @Override
    public Guard commit(Duration revertIn) throws DeviceException {
        Dialect.RevertTimer timer = dialect.cli().revertTimer();
        if (timer == null && watchdogs == null) {
            throw new DeviceException(hostname + ": dialect " + dialect.profile() + " has no revert timer and this driver has no watchdog");
        }
        refuseUnownedIntent();
        checkPreconditions();
        String running = lastShown();
        Steps steps = steps(running, ownedCandidate(), scope, revertIn);
        refuseUnfilledSecrets(steps.changes());
        if (timer != null) {
            shown = null;
            command(session(), steps.before().get(0));
            try {
                type(steps.changes());
                // the last of the steps after is the exit: left as leaveConfig leaves, until the prompt is out of configuration mode
                for (String after : steps.after().subList(0, steps.after().size() - 1)) {
                    command(session(), after);
                }
                leaveConfig(session());
            } catch (DeviceException rejected) {
                try {
                    for (String discard : timer.discard()) {
                        session().command(discard);
                    }
                } catch (DeviceException alsoFailed) {
                    rejected.addSuppressed(alsoFailed);
                }
                undoAfter(rejected, () -> {
                    if (timer.discard().isEmpty()) {
                        run(timer.rollback());
                    }
                });
            }
            return Guard.DEVICE_TIMER;
        }
        backup = running;
        backupScope = scope;
        shown = null;
        command(session(), steps.before().get(0));
        try {
            type(steps.changes());
            leaveConfig(session());
        } catch (DeviceException rejected) {
            undoAfter(rejected, () -> restore(session()));
        }
        watchdogOutcome = null;
        watchdog = watchdogs.schedule(this::restoreByWatchdog, revertIn.toMillis(), TimeUnit.MILLISECONDS);
        return Guard.SERVICE_WATCHDOG;
    }

    /** What must hold before anything is typed (IOS-XE: the archive the revert timer needs); a clear refusal otherwise. */
    private void checkPreconditions() throws DeviceException {
        for (Dialect.Precondition precondition : dialect.cli().preconditions()) {
            String output;
            try {
                output = session().command(precondition.command());
            } catch (DeviceException e) {
                // the answer may itself be one of the dialect's error texts ("Archive feature not enabled")
                output = e.getMessage();
            }
            Matcher refused = precondition.refusedWhen().matcher(output);
            if (refused.find()) {
                throw new DeviceException(hostname + ": nothing pushed: " + precondition.reason() + " ('" + precondition.command() + "' says '"
                        + refused.group().strip() + "')");
            }
        }
    }

    /** A placeholder left in a line (or a secret masked in a backup) would become the router's password: never typed. */
    private void refuseUnfilledSecrets(List<String> lines) throws DeviceException {
        for (String line : lines) {
            if (line.contains("{{secret")) {
                throw new DeviceException(hostname + ": nothing pushed: '" + SecretPlaceholder.mask(line)
                        + "' holds a secret that is not filled in (a placeholder, or a value masked in the backup)");
            }
        }
    }

    private interface DeviceStep {
        void run() throws DeviceException;
    }

    /** Leaves configuration mode and undoes what was typed, then fails with the rejected line. */
    private void undoAfter(DeviceException rejected, DeviceStep undo) throws DeviceException {
        try {
            leaveConfig(session());
            undo.run();
        } catch (DeviceException alsoFailed) {
            rejected.addSuppressed(alsoFailed);
        }
        throw rejected;
    }

    /** What the watchdog did once it fired: {@code restored}, or why it could not. */
    public Optional<String> watchdogOutcome() {
        return Optional.ofNullable(watchdogOutcome);
    }

    private void restoreByWatchdog() {
        // a session of its own: the caller's may be busy, or be the reason the change went wrong
        SshCli own = null;
        try {
            own = login();
            restore(own);
            watchdogOutcome = "restored";
        } catch (DeviceException e) {
            watchdogOutcome = "restore failed: " + e.getMessage();
        } finally {
            if (own != null) {
                logout(own);
            }
        }
    }

    /** Takes the owned part of the running config back to the backup's; nothing else is typed. */
    private void restore(SshCli session) throws DeviceException {
        shown = null;
        String running = show(session);
        List<String> commands = typed(RestorePlan.between(dialect, dialect.owned(running, backupScope), dialect.owned(backup, backupScope)));
        if (commands.isEmpty()) {
            return;
        }
        command(session, dialect.cli().enterConfig());
        type(session, commands);
        leaveConfig(session);
    }

    private void run(List<String> commands) throws DeviceException {
        for (String command : commands) {
            command(session(), command);
        }
    }

    /** Sends a command; an empty one (a dialect without a configuration mode has no enter/exit) is skipped. */
    private static void command(SshCli session, String command) throws DeviceException {
        if (!command.isEmpty()) {
            session.command(command);
        }
    }

    /**
     * The lines {@link #commit} types inside the configuration mode to take the owned part of
     * {@code running} to {@code candidate} (the rendered config, which says what is owned): for
     * giving another tool exactly the same change, and for a notification's preview.
     */
    public static List<String> commitLines(Dialect dialect, String running, String candidate) {
        Dialect device = dialect.onDevice();
        String shown = device.cli().asDisplayed(candidate);
        return typed(device, RestorePlan.between(device, device.owned(running, shown), device.owned(shown, shown)));
    }

    /**
     * Every command a push of {@code candidate} onto a router running {@code running} types, in order:
     * what {@link #commit} sends (the revert timer armed, or configuration mode entered; the owned lines
     * ({@link #commitLines}); the timed commit; leaving configuration mode), then {@link #confirm} (the
     * timer's confirm: the service's watchdog types nothing) and {@link #save}. For showing an operator
     * the push before it happens; the running config read at the push decides the lines then.
     */
    public static List<String> pushPlan(Dialect dialect, String running, String candidate, Duration revertIn) {
        Dialect device = dialect.onDevice();
        List<String> plan = new ArrayList<>(framed(device, commitLines(dialect, running, candidate), revertIn).all());
        Dialect.RevertTimer timer = device.cli().revertTimer();
        if (timer != null) {
            timer.confirm().stream().filter(command -> !command.isEmpty()).forEach(plan::add);
        }
        if (!device.cli().save().isEmpty()) {
            plan.add(device.cli().save());
        }
        return plan;
    }

    private List<String> typed(List<String> commands) {
        return typed(dialect, commands);
    }

    /**
     * Commands as typed lines: a text block's command splits into its lines, and a delimiter the
     * device shows as two characters (IOS's {@code ^C} for ETX) is typed as one character the text
     * does not hold: a literal {@code ^C} would make {@code ^} the delimiter and leave a stray {@code C}
     * (batfish/batfish#2127, networktocode/netutils#66).
     */
    private static List<String> typed(Dialect dialect, List<String> commands) {
        List<String> lines = new ArrayList<>();
        for (String command : commands) {
            List<String> text = command.lines().map(String::strip).toList();
            Matcher block = text.size() > 1 && dialect.cli().textBlock() != null ? dialect.cli().textBlock().matcher(text.get(0)) : null;
            if (block == null || !block.matches() || block.group(1).length() == 1) {
                lines.addAll(text);
                continue;
            }
            List<String> body = text.subList(1, text.size() - 1);
            String delimiter = TEXT_DELIMITERS.chars().mapToObj(c -> String.valueOf((char) c))
                    .filter(d -> body.stream().noneMatch(l -> l.contains(d))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no delimiter for a text block holding all of " + TEXT_DELIMITERS));
            lines.add(text.get(0).substring(0, block.start(1)) + delimiter);
            lines.addAll(body);
            lines.add(delimiter);
        }
        return lines;
    }

    private void type(List<String> lines) throws DeviceException {
        type(session(), lines);
    }

    private void type(SshCli session, List<String> lines) throws DeviceException {
        String terminator = null;
        for (String line : lines) {
            if (terminator != null) {
                // inside a banner: no prompt until the closing line
                if (line.equals(terminator)) {
                    session.command(line);
                    terminator = null;
                } else {
                    session.send(line);
                }
                continue;
            }
            Matcher block = dialect.cli().textBlock() == null ? null : dialect.cli().textBlock().matcher(line);
            if (block != null && block.matches()) {
                session.send(line);
                terminator = block.group(1);
            } else {
                session.command(line);
            }
        }
    }

    @Override
    public void confirm() throws DeviceException {
        shown = null;
        if (dialect.cli().revertTimer() != null) {
            run(dialect.cli().revertTimer().confirm());
            return;
        }
        if (watchdog == null || !watchdog.cancel(false)) {
            throw new DeviceException(hostname + ": too late to confirm: " + watchdogOutcome().orElse("no change pending"));
        }
        watchdog = null;
    }

    /**
     * Saves; where the session set-up changed configuration lines they are put back first, so the
     * set-up is never what the router boots with, and set up again after (as Yamaha's own
     * rtx_config module restores the console settings before its {@code save}).
     */
    @Override
    public Saved save() throws DeviceException {
        String save = dialect.cli().save();
        if (save.isEmpty()) {
            return new Saved("", "");
        }
        SshCli session = session();
        List<String> restore = setupRestores.get(session);
        if (restore != null) {
            for (String line : restore) {
                session.command(line);
            }
        }
        String output;
        try {
            if (dialect.cli().configMode().saveInside()) {
                command(session, dialect.cli().enterConfig());
                output = session.command(save);
                leaveConfig(session);
            } else {
                output = session.command(save);
            }
        } finally {
            if (restore != null) {
                for (String setup : dialect.cli().sessionSetup()) {
                    session.command(setup);
                }
            }
        }
        if (dialect.cli().saveOk() != null && !dialect.cli().saveOk().matcher(output).find()) {
            // vtysh leaves its [OK] out after a warning ("% Warning: can't chown configuration file ..."): the file may not
            // be what the daemons boot with, or not writable by them the next time
            throw new DeviceException(hostname + ": '" + save + "' did not confirm the save (no line matching '" + dialect.cli().saveOk()
                    + "'): " + output.strip().replace("\n", " | "));
        }
        return new Saved(save, output.strip());
    }

    @Override
    public void rollback() throws DeviceException {
        shown = null;
        if (dialect.cli().revertTimer() != null) {
            run(dialect.cli().revertTimer().rollback());
            return;
        }
        if (watchdog != null && watchdog.cancel(false)) {
            watchdog = null;
            restore(session());
        }
    }

    private String requireCandidate() {
        if (candidate == null || scope == null) {
            throw new IllegalStateException("no candidate loaded for " + hostname);
        }
        return candidate;
    }

    private SshCli session() throws DeviceException {
        if (cli == null) {
            throw new DeviceException(hostname + ": not open");
        }
        return cli;
    }

    @Override
    public Optional<InterfaceFacts> interfaceFacts(String interfaceName) throws DeviceException {
        Dialect.InterfaceStatus status = dialect.cli().interfaceStatus();
        if (status == null) {
            return Optional.empty();
        }
        String command = status.command().replace("{interface}", interfaceName);
        Matcher link = status.link().matcher(session().command(command));
        boolean up = link.find();
        // the description as the router runs it now (read afresh: the driver may have changed it)
        String running = session().command(dialect.cli().showConfig());
        Matcher description = java.util.regex.Pattern.compile(status.description().replace("{interface}", java.util.regex.Pattern.quote(interfaceName)),
                java.util.regex.Pattern.MULTILINE).matcher(running);
        return Optional.of(new InterfaceFacts(interfaceName, up, up ? speedMbps(link.group("speed")) : 0,
                !up ? RouterSnapshot.Duplex.UNKNOWN : link.group("duplex").equalsIgnoreCase("full") ? RouterSnapshot.Duplex.FULL : RouterSnapshot.Duplex.HALF,
                command, description.find() ? unquoted(description.group("description").strip()) : "", dialect.cli().showConfig()));
    }

    @Override
    public Optional<Reachability> ping(String address) throws DeviceException {
        Dialect.Ping ping = dialect.cli().ping();
        if (ping == null) {
            return Optional.empty();
        }
        String command = ping.commandFor(address);
        String output = ping.interruptAfter() == null ? session().command(command) : session().interrupting(command, ping.interruptAfter());
        return Optional.of(new Reachability(address, command, ping.parse(output), output.strip()));
    }

    /** {@code 100} Mbit/s, or {@code 2.5G} / {@code 10G} Gbit/s, in Mbit/s. */
    static long speedMbps(String speed) {
        return speed.endsWith("G") ? Math.round(Double.parseDouble(speed.substring(0, speed.length() - 1)) * 1000) : Long.parseLong(speed);
    }

    private static String unquoted(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    @Override
    public void close() {
        if (cli != null) {
            logout(cli);
            cli = null;
        }
    }

    /**
     * Ends a session: puts back what its set-up changed, then types the dialect's logout (answering
     * its questions: RTX asks whether to save on leaving the administrator level, and the answer is
     * no, since only {@link #save()} decides that), then closes the channel. A failure is logged,
     * never thrown: the session ends either way.
     */
    private void logout(SshCli session) {
        try {
            List<String> restore = setupRestores.remove(session);
            if (restore != null) {
                for (String line : restore) {
                    session.command(line);
                }
            }
            List<String> logout = dialect.cli().session().logout();
            for (int i = 0; i < logout.size(); i++) {
                if (i == logout.size() - 1) {
                    // the last one closes the session: no prompt comes back
                    session.send(logout.get(i));
                } else {
                    session.command(logout.get(i));
                }
            }
        } catch (DeviceException e) {
            LOG.warnf("router %s: logging out of its CLI failed, settings of the session may stay behind: %s", hostname, e.getMessage());
        } finally {
            setupRestores.remove(session);
            session.close();
        }
    }
}
