package jp.lgwan.routerconfig.device;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.lgwan.routerconfig.render.ConfigDiff;
import jp.lgwan.routerconfig.render.Dialect;

/**
 * A {@link RouterDriver} for any CLI dialect whose facts are data ({@link Dialect.Cli}): it logs in
 * over {@link SshCli}, runs the session set-up, and pushes the candidate line by line inside the
 * dialect's configuration mode. Where the dialect has a revert timer of its own (IOS-XE's
 * {@code configure terminal revert timer}), the change is armed with it; a rejected line rolls the
 * change back at once and fails naming the line.
 */
public final class CliRouterDriver implements RouterDriver {

    private final String hostname;
    private final SshCli.Endpoint endpoint;
    private final Dialect dialect;
    private final KeyPair key;
    private final String password;
    private SshCli cli;
    private String candidate;

    public CliRouterDriver(String hostname, SshCli.Endpoint endpoint, Dialect dialect, KeyPair key, String password) {
        if (dialect.cli() == null) {
            throw new IllegalArgumentException("dialect " + dialect.profile() + " has no CLI facts (cli: in its dialect.yaml)");
        }
        this.hostname = hostname;
        this.endpoint = endpoint;
        this.dialect = dialect;
        this.key = key;
        this.password = password;
    }

    @Override
    public void open() throws DeviceException {
        cli = SshCli.open(endpoint, new SshCli.Dialect(dialect.cli().prompt(), dialect.cli().errors()), key, password);
        for (String setup : dialect.cli().sessionSetup()) {
            cli.command(setup);
        }
    }

    @Override
    public String runningConfig() throws DeviceException {
        return session().command(dialect.cli().showConfig());
    }

    @Override
    public void loadCandidate(String intendedConfig) {
        this.candidate = intendedConfig;
    }

    @Override
    public ConfigDiff compare() throws DeviceException {
        return ConfigDiff.between(hostname, dialect, runningConfig(), requireCandidate());
    }

    @Override
    public Guard commit(Duration revertIn) throws DeviceException {
        Dialect.RevertTimer timer = dialect.cli().revertTimer();
        if (timer == null) {
            // a service-side watchdog (backup, apply, restore unless confirmed) comes with the emulated dialects
            throw new DeviceException(hostname + ": dialect " + dialect.profile() + " has no revert timer, and the service-side watchdog is not built yet");
        }
        long minutes = Math.max(1, (revertIn.toSeconds() + 59) / 60);
        session().command(timer.arm().replace("{minutes}", Long.toString(minutes)));
        try {
            String terminator = null;
            for (String line : configLines(requireCandidate())) {
                if (terminator != null) {
                    // inside a banner: no prompt until the closing line
                    if (line.equals(terminator)) {
                        session().command(line);
                        terminator = null;
                    } else {
                        session().send(line);
                    }
                    continue;
                }
                java.util.regex.Matcher block = dialect.cli().textBlock() == null ? null : dialect.cli().textBlock().matcher(line);
                if (block != null && block.matches()) {
                    session().send(line);
                    terminator = block.group(1);
                } else {
                    session().command(line);
                }
            }
            session().command(dialect.cli().exitConfig());
        } catch (DeviceException rejected) {
            try {
                session().command(dialect.cli().exitConfig());
                session().command(timer.rollback());
            } catch (DeviceException alsoFailed) {
                rejected.addSuppressed(alsoFailed);
            }
            throw rejected;
        }
        return Guard.DEVICE_TIMER;
    }

    @Override
    public void confirm() throws DeviceException {
        session().command(dialect.cli().revertTimer().confirm());
    }

    @Override
    public void rollback() throws DeviceException {
        session().command(dialect.cli().revertTimer().rollback());
    }

    /** The lines to type: the config without comments, blank lines and the closing {@code end}. */
    List<String> configLines(String config) {
        List<String> lines = new ArrayList<>();
        for (String line : config.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || dialect.isComment(line) || trimmed.equals("end")) {
                continue;
            }
            lines.add(trimmed);
        }
        return lines;
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
