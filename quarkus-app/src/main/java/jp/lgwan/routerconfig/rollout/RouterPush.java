package jp.lgwan.routerconfig.rollout;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.InterfaceFacts;
import jp.lgwan.routerconfig.device.PushPlan;
import jp.lgwan.routerconfig.device.Reachability;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.RouterSnapshot;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.render.ConfigDiff;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.HostSettings;
import jp.lgwan.routerconfig.render.SecretPlaceholder;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;

/**
 * One router's push inside an open window: pre-check over SNMP (事前業務確認), backup of the
 * running config, compare (nothing to do: already compliant), commit under a revert timer,
 * post-check over SNMP (疎通試験), then confirm — or roll back and check the old state again.
 * Every step goes to the {@link Ledger} before the next one starts, so a crash leaves a record of
 * exactly how far it got; {@link #resume} finishes a push that a crash interrupted without ever
 * pushing the change a second time.
 */
public final class RouterPush {

    /** Where each step is recorded, durably, before the next one starts. */
    public interface Ledger {
        void step(State state, String name, String outcome, StepEvidence evidence);

        long backup(String runningConfig);

        void guard(RouterDriver.Guard guard);

        /** The backup recorded before the push (placeholders for secrets), for a rollback after a crash. */
        String backupConfig();

        /**
         * {@code records}, refusing to record a step on an interrupted thread: it throws {@link Stopped}
         * instead. An instance that stops interrupts its pushes, and what a push would record next is
         * the interruption's doing (an SNMP poll or a settle cut short reads as "unreachable", a session
         * cut short as "failed"), never the router's. Thrown before the record, it also keeps the push
         * from acting on it: no rollback of a change that may be fine, no FAILED for a router that is
         * not. The router keeps its last recorded state, its claim lapses, and the instance that takes
         * it over finishes it by {@link RouterPush#resume} (the revert timer, the router's or the
         * watchdog's, guards the change meanwhile).
         */
        static Ledger stoppingWhenInterrupted(Ledger records) {
            return new Ledger() {
                @Override
                public void step(State state, String name, String outcome, StepEvidence evidence) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Stopped(name, outcome);
                    }
                    records.step(state, name, outcome, evidence);
                }

                @Override
                public long backup(String runningConfig) {
                    return records.backup(runningConfig);
                }

                @Override
                public void guard(RouterDriver.Guard guard) {
                    records.guard(guard);
                }

                @Override
                public String backupConfig() {
                    return records.backupConfig();
                }
            };
        }
    }

    /**
     * A push stopped by its instance stopping (its thread interrupted): the step it was about to
     * record was not recorded. Not a failure of the router; see {@link Ledger#stoppingWhenInterrupted}.
     */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String step, String outcome) {
            super("interrupted before recording step " + step + " (" + outcome + ")", null, false, false);
        }
    }

    /**
     * What one router's push needs: the intended config twice (with secrets for the device, masked for
     * records), how to reach it, and the host settings this change holds that the driver does not apply
     * ({@link HostSettings#changes}; empty for most dialects).
     */
    public record Target(String hostname, SecretPlaceholder.Resolved intended, Dialect dialect, Verification.IntendedWan wan, DeviceAccess access,
                         List<String> hostChanges, Force force) {

        public Target {
            hostChanges = List.copyOf(hostChanges);
        }

        /** A push nobody forced past a pre-existing fault. */
        public Target(String hostname, SecretPlaceholder.Resolved intended, Dialect dialect, Verification.IntendedWan wan, DeviceAccess access,
                      List<String> hostChanges) {
            this(hostname, intended, dialect, wan, access, hostChanges, null);
        }

        /** A push whose change holds no host settings. */
        public Target(String hostname, SecretPlaceholder.Resolved intended, Dialect dialect, Verification.IntendedWan wan, DeviceAccess access) {
            this(hostname, intended, dialect, wan, access, List.of());
        }

        /** The same push, forced past a pre-existing fault by {@code force} (null: not forced). */
        public Target forced(Force force) {
            return new Target(hostname, intended, dialect, wan, access, hostChanges, force);
        }

        String intendedConfig() {
            return intended.text();
        }

        /** Device output and diffs as they may be stored: no secret value of this router left in them. */
        String mask(String text) {
            return intended.mask(text == null ? "" : text);
        }

        @Override
        public String toString() {
            return "Target[" + hostname + "]";
        }
    }

    /**
     * An operator's decision to push a router even where its pre-check finds a pre-existing fault
     * (its WAN already down or erroring: a line-speed change whose termination device was already
     * reconfigured leaves the link down until the router follows), with the reason, recorded in the
     * pre-check step and audited when given.
     */
    public record Force(String by, String reason) {
    }

    /** How it ended: the final state and, where checks failed, which. */
    public record Outcome(State state, List<Verification.Check> failedChecks, String reason) {
    }

    /** The pre-check's outcome for a router whose WAN is already down or erroring. */
    public static final String PRE_EXISTING_FAULT = "pre-existing fault";

    private final SnmpProbe probe;
    private final ScheduledExecutorService watchdogs;
    private final RolloutPolicy policy;
    private final Clock clock;

    public RouterPush(SnmpProbe probe, ScheduledExecutorService watchdogs, RolloutPolicy policy, Clock clock) {
        this.probe = probe;
        this.watchdogs = watchdogs;
        this.policy = policy;
        this.clock = clock;
    }

    /** The reason of a dry run whose change applied, passed its post-check and was rolled back ({@link #dryRun}). */
    public static final String DRY_RUN_PASSED = "dry run: verified, then rolled back";

    public Outcome run(Target target, Ledger ledger) {
        return run(target, ledger, false);
    }

    /**
     * A push that is never kept ({@code push --dry-run}, against a lab router): every step of {@link #run}, then the
     * change is rolled back whether its post-check passed or not; never confirmed, never saved. Passed: ROLLED_BACK
     * with the reason {@link #DRY_RUN_PASSED} and no failed check; a rollback that did not bring the backup back is FAILED.
     */
    public Outcome dryRun(Target target, Ledger ledger) {
        return run(target, ledger, true);
    }

    private Outcome run(Target target, Ledger ledger, boolean dryRun) {
        RouterSnapshot baseline;
        RouterSnapshot earlier;
        long polling = System.nanoTime();
        try {
            // two polls, as the post-check takes them: the same facts, read the same way, so a fault it would find is seen here first
            earlier = poll(target);
            sleep(policy.settle());
            baseline = poll(target);
        } catch (DeviceException e) {
            ledger.step(State.FAILED, "pre-check", "failed", new StepEvidence.Failure(target.mask(e.getMessage())));
            return new Outcome(State.FAILED, List.of(), "pre-check: " + e.getMessage());
        }
        Verification.Result health = Verification.wanHealth(target.wan(), earlier, baseline);
        // the step is recorded when it ends: how long the polls took is its own evidence
        StepEvidence.PreCheck preCheck = new StepEvidence.PreCheck(StepEvidence.Poll.of(baseline, target.wan().interfaceName()),
                (System.nanoTime() - polling) / 1_000_000, health.checks(), null, null);
        if (!health.passed()) {
            String faults = String.join(", ", health.failed().stream().map(c -> c.name() + " (" + c.actual() + ")").toList());
            if (target.force() == null) {
                // never pushed: the post-check would blame the push for a fault the router already had
                ledger.step(State.PRE_EXISTING_FAULT, "pre-check", PRE_EXISTING_FAULT, preCheck);
                return new Outcome(State.PRE_EXISTING_FAULT, health.failed(), PRE_EXISTING_FAULT + ": " + faults + "; nothing pushed");
            }
            ledger.step(State.PRE_CHECKED, "pre-check", PRE_EXISTING_FAULT + ", forced", preCheck.forced(target.force()));
        } else {
            ledger.step(State.PRE_CHECKED, "pre-check", "ok", preCheck);
        }
        try (RouterDriver driver = driver(target)) {
            driver.open();
            String running = driver.runningConfig();
            // stored as placeholders for the secrets the service knows, and masked where the router shows a secret its own way
            long backupId = ledger.backup(target.dialect().maskSecrets(target.intended().unresolve(running)));
            ledger.step(State.BACKED_UP, "backup", "ok", new StepEvidence.Backup(backupId, running.lines().count()));
            driver.loadCandidate(target.intendedConfig());
            ConfigDiff diff = driver.compare();
            if (!diff.changed()) {
                if (!target.hostChanges().isEmpty()) {
                    ledger.step(State.HOST_PENDING, "compare", "no difference on the router; host settings not applied",
                            StepEvidence.HostPending.of(target));
                    return new Outcome(State.HOST_PENDING, List.of(), HostSettings.pendingReason("nothing to push", target.hostChanges()));
                }
                ledger.step(State.ALREADY_COMPLIANT, "compare", "no difference", StepEvidence.None.INSTANCE);
                return new Outcome(State.ALREADY_COMPLIANT, List.of(), "already compliant");
            }
            PushPlan plan = driver.plan(policy.revertIn());
            if (plan.isEmpty()) {
                // nothing typed can make them equal (a difference of line order only): never called compliant, never pushed
                ledger.step(State.FAILED, "compare", "changed, but nothing to type", StepEvidence.Compared.of(diff, target));
                return new Outcome(State.FAILED, List.of(), "compare: the running config differs from the intended one in a way no command"
                        + " of the plan changes (line order)");
            }
            ledger.step(State.PUSHING, "compare", "changed", StepEvidence.Compared.of(diff, target));
            // the exact commands, recorded before the first is typed
            ledger.step(State.PUSHING, "plan", plan.changes() + " changes", StepEvidence.Plan.of(plan, target));
            RouterDriver.Guard guard;
            try {
                guard = driver.commit(policy.revertIn());
            } catch (DeviceException e) {
                // the driver undid what it typed; the router runs its backup
                ledger.step(State.FAILED, "commit", "failed", new StepEvidence.Failure(target.mask(e.getMessage())));
                return new Outcome(State.FAILED, List.of(), "commit: " + target.mask(e.getMessage()));
            }
            ledger.guard(guard);
            ledger.step(State.PUSHED, "commit", "ok", new StepEvidence.Committed(guard, policy.revertIn().toSeconds()));
            return dryRun ? verifyAndTakeBack(target, ledger, driver, baseline) : verifyAndDecide(target, ledger, driver, baseline, false);
        } catch (DeviceException e) {
            ledger.step(State.FAILED, "device", "failed", new StepEvidence.Failure(target.mask(e.getMessage())));
            return new Outcome(State.FAILED, List.of(), target.mask(e.getMessage()));
        }
    }

    /**
     * Finishes a push a crash interrupted (state PUSHING, PUSHED or VERIFIED). The change is never
     * typed again: if the router still runs it, it is checked and confirmed or restored from the
     * backup; if the router's own timer already restored the backup, that is recorded.
     */
    public Outcome resume(Target target, Ledger ledger) {
        try (RouterDriver driver = driver(target)) {
            driver.open();
            driver.loadCandidate(target.intendedConfig());
            ConfigDiff left = driver.compare();
            if (left.changed()) {
                driver.loadBackup(resolveBackup(target, ledger), target.intendedConfig());
                ConfigDiff fromBackup = driver.compare();
                if (!fromBackup.changed()) {
                    ledger.step(State.ROLLED_BACK, "resume", "the router runs its backup again (its revert timer restored it, or the"
                            + " commit never landed)", StepEvidence.Compared.of(left, target));
                    return new Outcome(State.ROLLED_BACK, List.of(), "not running the change after the crash: back on its backup");
                }
                // neither the change nor the backup: the crash cut the typing short (dialects whose lines apply as typed)
                driver.commit(policy.revertIn());
                driver.confirm();
                ledger.step(State.ROLLED_BACK, "resume", "the router ran part of the change: its backup was restored",
                        StepEvidence.Compared.of(fromBackup, target));
                return new Outcome(State.ROLLED_BACK, List.of(), "a partial change after the crash: backup restored");
            }
            ledger.step(State.PUSHED, "resume", "the router still runs the unconfirmed change; checking it again",
                    StepEvidence.None.INSTANCE);
            return verifyAndDecide(target, ledger, driver, null, true);
        } catch (DeviceException e) {
            ledger.step(State.FAILED, "resume", "failed", new StepEvidence.Failure(target.mask(e.getMessage())));
            return new Outcome(State.FAILED, List.of(), "resume: " + target.mask(e.getMessage()));
        }
    }

    private Outcome verifyAndDecide(Target target, Ledger ledger, RouterDriver driver, RouterSnapshot baseline, boolean resumed)
            throws DeviceException {
        Verification.Result result = verify(target, ledger, driver, baseline);
        if (result.passed()) {
            if (!(resumed && watchdogDialect(target))) {
                driver.confirm();
            }
            RouterDriver.Saved saved;
            long saveStarted = System.nanoTime();
            try {
                saved = driver.save();
            } catch (DeviceException e) {
                // running the verified change, but a reload would bring the old one back: someone must save it
                ledger.step(State.FAILED, "save", "failed", new StepEvidence.Failure(target.mask(e.getMessage()),
                        "the verified change, confirmed but not saved"));
                return new Outcome(State.FAILED, List.of(), "confirmed but not saved (a reload boots the old config): "
                        + target.mask(e.getMessage()));
            }
            // how long the save took, apart from the confirm: on some routers writing the startup config is the slow part
            StepEvidence.Confirmed confirmed = new StepEvidence.Confirmed(saved.command().isEmpty() ? "the commit" : saved.command(),
                    target.mask(saved.output()), (System.nanoTime() - saveStarted) / 1_000_000, null);
            if (!target.hostChanges().isEmpty()) {
                ledger.step(State.HOST_PENDING, "confirm", "ok; host settings not applied",
                        confirmed.withHostSettings(StepEvidence.HostPending.of(target)));
                return new Outcome(State.HOST_PENDING, List.of(), HostSettings.pendingReason("verified, confirmed and saved", target.hostChanges()));
            }
            ledger.step(State.CONFIRMED, "confirm", "ok", confirmed);
            return new Outcome(State.CONFIRMED, List.of(), "verified");
        }
        if (resumed && watchdogDialect(target)) {
            // the service's watchdog died with the crash: restore the backup by pushing it, under a timer of its own
            driver.loadBackup(resolveBackup(target, ledger), target.intendedConfig());
            driver.commit(policy.revertIn());
            driver.confirm();
        } else {
            driver.rollback();
        }
        ledger.step(State.ROLLED_BACK, "rollback", "ok", afterRollback(target, ledger, driver));
        return new Outcome(State.ROLLED_BACK, result.failed(), "failed checks: "
                + String.join(", ", result.failed().stream().map(Verification.Check::name).toList()));
    }

    /** The post-check: two polls {@code settle} apart (and the CLI's facts where SNMP lacks them), recorded as a step. */
    private Verification.Result verify(Target target, Ledger ledger, RouterDriver driver, RouterSnapshot baseline) {
        Verification.Result result;
        Reached reachability = Reached.NONE;
        try {
            sleep(policy.settle());
            RouterSnapshot first = poll(target);
            sleep(policy.settle());
            RouterSnapshot second = poll(target);
            result = Verification.of(target.wan(), baseline, first, second, false, cliFacts(target, driver));
            reachability = reachability(target, driver);
            if (reachability.check() != null) {
                List<Verification.Check> checks = new java.util.ArrayList<>(result.checks());
                checks.add(reachability.check());
                result = new Verification.Result(result.hostname(), checks);
            }
        } catch (CliUnreadable e) {
            result = new Verification.Result(target.hostname(), List.of(new Verification.Check("cli-readable", false, "answers " + e.command,
                    target.mask(e.getMessage()), "cli " + e.command)));
        } catch (DeviceException e) {
            result = new Verification.Result(target.hostname(), List.of(new Verification.Check("reachable", false, "answers SNMP",
                    target.mask(e.getMessage()), "snmp")));
        }
        ledger.step(result.passed() ? State.VERIFIED : State.PUSHED, "post-check", result.passed() ? "passed" : "failed",
                new StepEvidence.PostCheck(result.checks(), reachability.evidence()));
        return result;
    }

    /** What the router shows after a rollback: a poll, and whether its owned lines are its backup's again ({@code runs_backup}). */
    private StepEvidence.RolledBack afterRollback(Target target, Ledger ledger, RouterDriver driver) {
        StepEvidence.Poll after = null;
        try {
            sleep(policy.settle());
            after = StepEvidence.Poll.of(poll(target), target.wan().interfaceName());
            driver.loadBackup(resolveBackup(target, ledger), target.intendedConfig());
            return new StepEvidence.RolledBack(after, !driver.compare().changed(), null);
        } catch (DeviceException e) {
            return new StepEvidence.RolledBack(after, null, target.mask(e.getMessage()));
        }
    }

    /** A dry run's end: checked, then rolled back whatever the checks said; passed only if the router runs its backup again. */
    private Outcome verifyAndTakeBack(Target target, Ledger ledger, RouterDriver driver, RouterSnapshot baseline) throws DeviceException {
        Verification.Result result = verify(target, ledger, driver, baseline);
        driver.rollback();
        StepEvidence.RolledBack evidence = afterRollback(target, ledger, driver);
        boolean restored = evidence.restored();
        ledger.step(restored ? State.ROLLED_BACK : State.FAILED, "rollback", restored ? "ok (dry run)" : "failed: the backup is not back", evidence);
        if (!restored) {
            return new Outcome(State.FAILED, result.failed(), "dry run: the rollback did not bring the router's backup back"
                    + (evidence.error() == null ? "" : ": " + evidence.error()));
        }
        if (result.passed()) {
            return new Outcome(State.ROLLED_BACK, List.of(), DRY_RUN_PASSED);
        }
        return new Outcome(State.ROLLED_BACK, result.failed(), "failed checks: "
                + String.join(", ", result.failed().stream().map(Verification.Check::name).toList()));
    }

    /** The connectivity test's ping of the reached node / access point: its check and evidence; both null where nothing was pinged. */
    private record Reached(Verification.Check check, StepEvidence.Ping evidence) {
        static final Reached NONE = new Reached(null, null);
    }

    /**
     * The router pings the node or access point its line reaches (疎通試験), over the WAN the change
     * touched; nothing where the inventory names no address or the dialect no ping command. A ping the
     * router could not run fails the check, naming why.
     */
    private static Reached reachability(Target target, RouterDriver driver) {
        String address = target.wan().reachedAddress();
        if (address == null) {
            return Reached.NONE;
        }
        Optional<Reachability> ping;
        try {
            ping = driver.ping(address);
        } catch (DeviceException e) {
            String command = target.dialect().cli().ping() == null ? "ping" : target.dialect().cli().ping().commandFor(address);
            return new Reached(new Verification.Check("reachability", false, "replies from " + address, target.mask(e.getMessage()),
                    "cli " + command), new StepEvidence.PingFailed(address, command, target.mask(e.getMessage())));
        }
        if (ping.isEmpty()) {
            return Reached.NONE;
        }
        return new Reached(Verification.reachability(target.wan(), ping.get()), StepEvidence.Pinged.of(ping.get(), target));
    }

    /** The CLI's command for the post-check's facts the platform lacks over SNMP failed. */
    private static final class CliUnreadable extends Exception {
        final String command;

        CliUnreadable(String command, String message) {
            super(message, null, false, false);
            this.command = command;
        }
    }

    /**
     * What the CLI shows of the WAN, where the platform does not expose all the post-check reads over
     * SNMP (a Yamaha RTX: speed and duplex from {@code show status lan2}, the description from
     * {@code show config}); null where SNMP has it all or the dialect names no command.
     */
    private static InterfaceFacts cliFacts(Target target, RouterDriver driver) throws CliUnreadable {
        if (!target.wan().needsCli() || target.dialect().cli().interfaceStatus() == null) {
            return null;
        }
        try {
            return driver.interfaceFacts(target.wan().interfaceName()).orElse(null);
        } catch (DeviceException e) {
            throw new CliUnreadable(target.dialect().cli().interfaceStatus().command().replace("{interface}", target.wan().interfaceName()),
                    e.getMessage());
        }
    }

    /** The stored backup with the secrets the service knows filled in again. */
    private static String resolveBackup(Target target, Ledger ledger) {
        String backup = ledger.backupConfig();
        for (var entry : target.intended().placeholders().entrySet()) {
            backup = backup.replace(entry.getValue(), entry.getKey());
        }
        return backup;
    }

    private boolean watchdogDialect(Target target) {
        return target.dialect().cli().revertTimer() == null;
    }

    private RouterDriver driver(Target target) {
        KeyPair key = target.access().key();
        return new CliRouterDriver(target.hostname(), target.access().ssh(), target.dialect(), key, target.access().password(),
                target.access().administrator(), watchdogs);
    }

    private RouterSnapshot poll(Target target) throws DeviceException {
        try {
            return probe.poll(target.access().snmp(), target.wan().snmp().objects()).get(policy.snmpTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DeviceException(target.hostname() + ": no SNMP answer within " + policy.snmpTimeout().toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new DeviceException(target.hostname() + ": SNMP: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(target.hostname() + ": interrupted");
        }
    }

    private static void sleep(Duration duration) throws DeviceException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted");
        }
    }

    Instant now() {
        return clock.instant();
    }
}
