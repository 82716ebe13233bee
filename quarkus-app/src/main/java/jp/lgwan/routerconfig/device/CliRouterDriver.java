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
import org.jboss.logging.Logger;

/**
 * A {@link RouterDriver} for any CLI dialect whose facts are data ({@link Dialect.Cli}): it logs in
 * over {@link SshCli}, runs the session set-up, and pushes inside the dialect's configuration mode
 * what turns the running config into the candidate ({@link RestorePlan}: changed and missing lines
 * typed, lines the candidate drops undone). Where the dialect has a revert timer of its own (IOS-XE's
 * {@code configure terminal revert timer}), the change is armed with it; where it has none (FRR
 * without its transactional CLI), the service guards it: the running config is backed up first and
 * a watchdog restores it ({@link RestorePlan}, over a session of its own) unless the change is
 * confirmed in time. A rejected line rolls the change back at once and fails naming the line.
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
    private String backup;
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
        SshCli session = SshCli.open(endpoint, new SshCli.Dialect(cli.prompt(), cli.errors(), questions), key, password);
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
    }

    @Override
    public ConfigDiff compare() throws DeviceException {
        return ConfigDiff.between(hostname, dialect, lastShown(), requireCandidate());
    }

    @Override
    public Guard commit(Duration revertIn) throws DeviceException {
        Dialect.RevertTimer timer = dialect.cli().revertTimer();
        if (timer != null) {
            String minutes = Long.toString(Math.max(1, (revertIn.toSeconds() + 59) / 60));
            List<String> commands = lines(RestorePlan.between(dialect, lastShown(), requireCandidate()));
            shown = null;
            command(session(), timer.arm() != null ? timer.arm().replace("{minutes}", minutes) : dialect.cli().enterConfig());
            try {
                type(commands);
                if (timer.commit() != null) {
                    session().command(timer.commit().replace("{minutes}", minutes));
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
        if (watchdogs == null) {
            throw new DeviceException(hostname + ": dialect " + dialect.profile() + " has no revert timer and this driver has no watchdog");
        }
        backup = lastShown();
        shown = null;
        List<String> commands = lines(RestorePlan.between(dialect, backup, requireCandidate()));
        command(session(), dialect.cli().enterConfig());
        try {
            type(commands);
            leaveConfig(session());
        } catch (DeviceException rejected) {
            undoAfter(rejected, () -> restore(session()));
        }
        watchdogOutcome = null;
        watchdog = watchdogs.schedule(this::restoreByWatchdog, revertIn.toMillis(), TimeUnit.MILLISECONDS);
        return Guard.SERVICE_WATCHDOG;
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

    private void restore(SshCli session) throws DeviceException {
        shown = null;
        List<String> commands = lines(RestorePlan.between(dialect, show(session), backup));
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
     * The lines {@link #commit} types inside the configuration mode to take {@code running} to
     * {@code candidate}: for giving another tool exactly the same change.
     */
    public static List<String> commitLines(Dialect dialect, String running, String candidate) {
        return lines(RestorePlan.between(dialect.onDevice(), running, candidate));
    }

    /** Commands as typed lines: a text block's command splits into its lines. */
    private static List<String> lines(List<String> commands) {
        List<String> lines = new ArrayList<>();
        commands.forEach(command -> lines.addAll(command.lines().map(String::strip).toList()));
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
    public String save() throws DeviceException {
        String save = dialect.cli().save();
        if (save.isEmpty()) {
            return save;
        }
        SshCli session = session();
        List<String> restore = setupRestores.get(session);
        if (restore != null) {
            for (String line : restore) {
                session.command(line);
            }
        }
        try {
            if (dialect.cli().configMode().saveInside()) {
                command(session, dialect.cli().enterConfig());
                session.command(save);
                leaveConfig(session);
            } else {
                session.command(save);
            }
        } finally {
            if (restore != null) {
                for (String setup : dialect.cli().sessionSetup()) {
                    session.command(setup);
                }
            }
        }
        return save;
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
        if (candidate == null) {
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
