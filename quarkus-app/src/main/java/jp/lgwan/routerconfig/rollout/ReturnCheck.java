package jp.lgwan.routerconfig.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.InterfaceFacts;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.RouterSnapshot;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;

/**
 * After a power-cut window (legal power inspection, 法定点検) nothing was pushed, but every router
 * must be back: it answers, and its WAN is up at the intended mode (read on the CLI where the
 * platform does not expose it over SNMP). Started at the window's end plus the boot allowance, it
 * polls until a deadline (the caller's: the start plus the rollout's {@code return-grace}), so a
 * router that takes a little over the allowance to boot is late, not lost. Whether the router
 * restarted is recorded, never failed: one whose uptime (the host's hrSystemUptime where the agent
 * runs on a host, else sysUpTime) goes back to before the window stayed up through the cut (on a
 * UPS, or the cut did not reach it) and is back all the same, with a note saying so.
 */
public final class ReturnCheck {

    /** How the check waits between polls: {@code Thread::sleep} in the service, the test's clock moved by hand in tests. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final SnmpProbe probe;
    private final Duration settle;
    private final Duration timeout;
    private final Duration pollEvery;
    private final Clock clock;
    private final Pause pause;

    public ReturnCheck(SnmpProbe probe, Duration settle, Duration timeout, Duration pollEvery, Clock clock) {
        this(probe, settle, timeout, pollEvery, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    public ReturnCheck(SnmpProbe probe, Duration settle, Duration timeout, Duration pollEvery, Clock clock, Pause pause) {
        this.probe = probe;
        this.settle = settle;
        this.timeout = timeout;
        this.pollEvery = pollEvery;
        this.clock = clock;
        this.pause = pause;
    }

    /** One poll round's verdict: the checks, and whether the router answered SNMP at all. */
    private record Attempt(Verification.Result result, boolean answered, String note) {
    }

    /**
     * @param access      how to reach the router: its SNMP agent, and its CLI where the platform shows some of what
     *                    the post-check reads only there ({@code dialect}'s {@code cli.interface_status})
     * @param windowStart when the power cut could begin: an uptime reaching back before it means no restart
     * @param deadline    the last moment a poll may start; a router not back by then is not back
     */
    public RouterPush.Outcome run(Verification.IntendedWan wan, DeviceAccess access, Dialect dialect, Instant windowStart, Instant deadline,
                                  RouterPush.Ledger ledger) {
        Instant began = clock.instant();
        int attempts = 0;
        Attempt attempt;
        while (true) {
            attempts++;
            attempt = attempt(wan, access, dialect, windowStart);
            if (attempt.result().passed()) {
                break;
            }
            Instant next = clock.instant().plus(pollEvery);
            if (next.isAfter(deadline)) {
                break;
            }
            try {
                pause.sleep(pollEvery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Verification.Result result = attempt.result();
        if (result.passed()) {
            ledger.step(State.RETURN_CHECKED, "return-check", "passed", new StepEvidence.ReturnChecked(result.checks(), attempts, began, deadline,
                    attempt.note(), clock.instant()));
            return new RouterPush.Outcome(State.RETURN_CHECKED, List.of(), attempt.note() == null ? "came back" : "back: " + attempt.note());
        }
        ledger.step(State.FAILED, "return-check", "failed", new StepEvidence.ReturnChecked(result.checks(), attempts, began, deadline,
                attempt.note(), null));
        String why = attempt.answered() ? "failed checks: " + String.join(", ", result.failed().stream().map(Verification.Check::name).toList())
                : "did not come back: no SNMP answer";
        return new RouterPush.Outcome(State.FAILED, result.failed(), why + " (" + attempts + " polls until " + Timestamps.format(deadline) + ")");
    }

    private Attempt attempt(Verification.IntendedWan wan, DeviceAccess access, Dialect dialect, Instant windowStart) {
        SnmpTarget snmp = access.snmp();
        List<Verification.Check> checks = new ArrayList<>();
        RouterSnapshot first;
        RouterSnapshot second;
        try {
            first = poll(snmp, wan);
            Thread.sleep(settle.toMillis());
            second = poll(snmp, wan);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(wan, "interrupted");
        } catch (Exception e) {
            return unreachable(wan, e instanceof java.util.concurrent.TimeoutException ? "no answer within " + timeout.toSeconds() + " s"
                    : String.valueOf(e.getMessage()));
        }
        checks.add(new Verification.Check("reachable", true, "answers SNMP", "answers (" + second.sysName() + ")", "snmp sysName"));
        // the router's uptime, not its agent's: the host's where the agent runs on one (an FRR router's snmpd)
        RouterSnapshot.Reading uptime = second.hostUptime() != null ? second.hostUptime() : second.sysUpTime();
        Instant bootedAt = clock.instant().minusMillis(uptime.value() * 10);
        boolean restarted = !bootedAt.isBefore(windowStart);
        String note = restarted ? null : "no restart: up since " + Timestamps.format(bootedAt) + ", before the window opened at "
                + Timestamps.format(windowStart)
                + " (it answered throughout: a UPS, or the power cut did not reach it)";
        checks.add(new Verification.Check("restart", true, "restarted during the window (after " + Timestamps.format(windowStart)
                + "), or up throughout",
                (restarted ? "restarted: up since " : "no restart: up since ") + Timestamps.format(bootedAt) + " (" + uptime.source().split(" ")[0] + " "
                        + uptime.value() + ")", "snmp " + uptime.source()));
        InterfaceFacts cli = null;
        if (wan.needsCli() && dialect.cli() != null && dialect.cli().interfaceStatus() != null) {
            try (RouterDriver driver = new CliRouterDriver(wan.hostname(), access.ssh(), dialect, access.key(), access.password(),
                    access.administrator(), null)) {
                driver.open();
                cli = driver.interfaceFacts(wan.interfaceName()).orElse(null);
            } catch (DeviceException e) {
                String command = dialect.cli().interfaceStatus().command().replace("{interface}", wan.interfaceName());
                checks.add(new Verification.Check("cli-readable", false, "answers " + command, String.valueOf(e.getMessage()), "cli " + command));
            }
        }
        checks.addAll(Verification.of(wan, null, first, second, false, cli).checks());
        return new Attempt(new Verification.Result(wan.hostname(), checks), true, note);
    }

    private static Attempt unreachable(Verification.IntendedWan wan, String why) {
        Verification.Check unreachable = new Verification.Check("reachable", false, "answers SNMP", why, "snmp");
        return new Attempt(new Verification.Result(wan.hostname(), List.of(unreachable)), false, null);
    }

    private RouterSnapshot poll(SnmpTarget snmp, Verification.IntendedWan wan) throws Exception {
        return probe.poll(snmp, wan.snmp().objects()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
