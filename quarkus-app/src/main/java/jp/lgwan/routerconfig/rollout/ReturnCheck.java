package jp.lgwan.routerconfig.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * must have come back: it answers, its uptime (the host's hrSystemUptime where the agent runs on a
 * host, else sysUpTime) shows it restarted during the window, and its WAN is up at the intended
 * mode (read on the CLI where the platform does not expose it over SNMP). Run at the window's end
 * plus the boot allowance.
 */
public final class ReturnCheck {

    private final SnmpProbe probe;
    private final Duration settle;
    private final Duration timeout;

    public ReturnCheck(SnmpProbe probe, Duration settle, Duration timeout) {
        this.probe = probe;
        this.settle = settle;
        this.timeout = timeout;
    }

    /**
     * @param access  how to reach the router: its SNMP agent, and its CLI where the platform shows some of what
     *                the post-check reads only there ({@code dialect}'s {@code cli.interface_status})
     */
    public RouterPush.Outcome run(Verification.IntendedWan wan, DeviceAccess access, Dialect dialect, Instant windowStart, RouterPush.Ledger ledger) {
        SnmpTarget snmp = access.snmp();
        List<Verification.Check> checks = new ArrayList<>();
        RouterSnapshot first;
        RouterSnapshot second;
        try {
            first = poll(snmp, wan);
            Thread.sleep(settle.toMillis());
            second = poll(snmp, wan);
        } catch (Exception e) {
            Verification.Check unreachable = new Verification.Check("reachable", false, "answers SNMP",
                    e instanceof java.util.concurrent.TimeoutException ? "no answer within " + timeout.toSeconds() + " s" : String.valueOf(e.getMessage()),
                    "snmp");
            ledger.step(State.FAILED, "return-check", "failed", RouterPush.checkEvidence(new Verification.Result(wan.hostname(), List.of(unreachable))));
            return new RouterPush.Outcome(State.FAILED, List.of(unreachable), "did not come back: no SNMP answer");
        }
        checks.add(new Verification.Check("reachable", true, "answers SNMP", "answers (" + second.sysName() + ")", "snmp sysName"));
        // the router's uptime, not its agent's: the host's where the agent runs on one (an FRR router's snmpd)
        RouterSnapshot.Reading uptime = second.hostUptime() != null ? second.hostUptime() : second.sysUpTime();
        Instant bootedAt = second.at().minusMillis(uptime.value() * 10);
        boolean restarted = !bootedAt.isBefore(windowStart);
        checks.add(new Verification.Check("restart", restarted, "restarted during the window (after " + windowStart + ")",
                "up since " + bootedAt + " (" + uptime.source().split(" ")[0] + " " + uptime.value() + ")", "snmp " + uptime.source()));
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
        Verification.Result result = new Verification.Result(wan.hostname(), checks);
        State state = result.passed() ? State.RETURN_CHECKED : State.FAILED;
        ledger.step(state, "return-check", result.passed() ? "passed" : "failed", RouterPush.checkEvidence(result));
        return new RouterPush.Outcome(state, result.failed(), result.passed() ? "came back" : "failed checks: "
                + String.join(", ", result.failed().stream().map(Verification.Check::name).toList()));
    }

    private RouterSnapshot poll(SnmpTarget snmp, Verification.IntendedWan wan) throws Exception {
        return probe.poll(snmp, wan.snmp().objects()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
