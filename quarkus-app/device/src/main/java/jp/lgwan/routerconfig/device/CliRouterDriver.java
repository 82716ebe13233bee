package jp.lgwan.routerconfig.device;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import jp.lgwan.routerconfig.render.ConfigDiff;
import jp.lgwan.routerconfig.render.Dialect;

/**
 * A {@link RouterDriver} for any CLI dialect whose facts are data ({@link Dialect.Cli}): it logs in
 * over {@link SshCli}, runs the session set-up, and pushes inside the dialect's configuration mode
 * what turns the running config into the candidate ({@link RestorePlan}: changed and missing lines
 * typed, lines the candidate drops undone). Where the dialect has a revert timer of its own (IOS-XE's
 * {@code configure terminal revert timer}), the change is armed with it; where it has none (FRR
 * without its transactional CLI), the service guards it: the running config is backed up first and
 * a watchdog restores it ({@link RestorePlan}, over a session of its own) unless the change is
 * confirmed in time. A rejected line rolls the change back at once and fails naming the line.
 */
public final class CliRouterDriver implements RouterDriver {

    private final String hostname;
    private final SshCli.Endpoint endpoint;
    private final Dialect dialect;
    private final KeyPair key;
    private final String password;
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
        if (dialect.cli() == null) {
            throw new IllegalArgumentException("dialect " + dialect.profile() + " has no CLI facts (cli: in its dialect.yaml)");
        }
        this.hostname = hostname;
        this.endpoint = endpoint;
        // what the device stores is what the driver compares and pushes
        this.dialect = dialect.onDevice();
        this.key = key;
        this.password = password;
        this.watchdogs = watchdogs;
    }

    @Override
    public void open() throws DeviceException {
        cli = login();
    }

    private SshCli login() throws DeviceException {
        SshCli session = SshCli.open(endpoint, new SshCli.Dialect(dialect.cli().prompt(), dialect.cli().errors()), key, password);
        for (String setup : dialect.cli().sessionSetup()) {
            session.command(setup);
        }
        return session;
    }

    @Override
    public String runningConfig() throws DeviceException {
        shown = session().command(dialect.cli().showConfig());
        return shown;
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
            String minutes = revertMinutes(revertIn);
            List<String> commands = lines(RestorePlan.between(dialect, lastShown(), requireCandidate()));
            shown = null;
            command(session(), timer.arm() != null ? timer.arm().replace("{minutes}", minutes) : dialect.cli().enterConfig());
            try {
                type(commands);
                if (timer.commit() != null) {
                    session().command(timer.commit().replace("{minutes}", minutes));
                }
                command(session(), dialect.cli().exitConfig());
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
            command(session(), dialect.cli().exitConfig());
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
            command(session(), dialect.cli().exitConfig());
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
        try (SshCli own = login()) {
            restore(own);
            watchdogOutcome = "restored";
        } catch (DeviceException e) {
            watchdogOutcome = "restore failed: " + e.getMessage();
        }
    }

    private void restore(SshCli session) throws DeviceException {
        shown = null;
        List<String> commands = lines(RestorePlan.between(dialect, session.command(dialect.cli().showConfig()), backup));
        if (commands.isEmpty()) {
            return;
        }
        command(session, dialect.cli().enterConfig());
        type(session, commands);
        command(session, dialect.cli().exitConfig());
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

    /**
     * Every command a push of {@code candidate} onto a router running {@code running} types, in order:
     * what {@link #commit} sends (the revert timer armed, or configuration mode entered; the lines; the
     * timed commit; leaving configuration mode), then {@link #confirm} (the timer's confirm: the
     * service's watchdog types nothing) and {@link #save}. For showing an operator the push before it
     * happens; the running config read at the push decides the lines then.
     */
    public static List<String> pushPlan(Dialect dialect, String running, String candidate, Duration revertIn) {
        List<String> plan = new ArrayList<>();
        Dialect.Cli cli = dialect.cli();
        Dialect.RevertTimer timer = cli.revertTimer();
        String minutes = revertMinutes(revertIn);
        addCommand(plan, timer != null && timer.arm() != null ? timer.arm().replace("{minutes}", minutes) : cli.enterConfig());
        plan.addAll(commitLines(dialect, running, candidate));
        if (timer != null && timer.commit() != null) {
            plan.add(timer.commit().replace("{minutes}", minutes));
        }
        addCommand(plan, cli.exitConfig());
        if (timer != null) {
            timer.confirm().forEach(command -> addCommand(plan, command));
        }
        addCommand(plan, cli.save());
        return plan;
    }

    private static void addCommand(List<String> plan, String command) {
        if (command != null && !command.isEmpty()) {
            plan.add(command);
        }
    }

    /** The revert timer's {@code {minutes}}: whole minutes, rounded up, at least one. */
    private static String revertMinutes(Duration revertIn) {
        return Long.toString(Math.max(1, (revertIn.toSeconds() + 59) / 60));
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

    @Override
    public String save() throws DeviceException {
        String save = dialect.cli().save();
        command(session(), save);
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
            cli.close();
        }
    }
}
