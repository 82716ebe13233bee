package jp.lgwan.routerconfig.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.device.RouterSnapshot;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;

/**
 * After a power-cut window (legal power inspection, 法定点検) nothing was pushed, but every router
 * must have come back: it answers, its sysUpTime shows it restarted during the window, and its WAN
 * is up at the intended mode. Run at the window's end plus the boot allowance.
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

    public RouterPush.Outcome run(Verification.IntendedWan wan, SnmpTarget snmp, Instant windowStart, RouterPush.Ledger ledger) {
        List<Verification.Check> checks = new ArrayList<>();
        RouterSnapshot first;
        RouterSnapshot second;
        try {
            first = poll(snmp);
            Thread.sleep(settle.toMillis());
            second = poll(snmp);
        } catch (Exception e) {
            Verification.Check unreachable = new Verification.Check("reachable", false, "answers SNMP",
                    e instanceof java.util.concurrent.TimeoutException ? "no answer within " + timeout.toSeconds() + " s" : String.valueOf(e.getMessage()));
            ledger.step(State.FAILED, "return-check", "failed", RouterPush.checkEvidence(new Verification.Result(wan.hostname(), List.of(unreachable))));
            return new RouterPush.Outcome(State.FAILED, List.of(unreachable), "did not come back: no SNMP answer");
        }
        checks.add(new Verification.Check("reachable", true, "answers SNMP", "answers (" + second.sysName() + ")"));
        Instant bootedAt = second.at().minusMillis(second.upTimeTicks() * 10);
        boolean restarted = !bootedAt.isBefore(windowStart);
        checks.add(new Verification.Check("restart", restarted, "restarted during the window (after " + windowStart + ")",
                "up since " + bootedAt + " (sysUpTime " + second.upTimeTicks() + ")"));
        checks.addAll(Verification.of(wan, null, first, second, false).checks());
        Verification.Result result = new Verification.Result(wan.hostname(), checks);
        State state = result.passed() ? State.RETURN_CHECKED : State.FAILED;
        ledger.step(state, "return-check", result.passed() ? "passed" : "failed", RouterPush.checkEvidence(result));
        return new RouterPush.Outcome(state, result.failed(), result.passed() ? "came back" : "failed checks: "
                + String.join(", ", result.failed().stream().map(Verification.Check::name).toList()));
    }

    private RouterSnapshot poll(SnmpTarget snmp) throws Exception {
        return probe.poll(snmp).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
