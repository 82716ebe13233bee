package jp.lgwan.routerconfig.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import jp.lgwan.routerconfig.device.PushPlan;
import jp.lgwan.routerconfig.device.Reachability;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.RouterSnapshot;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.render.ConfigDiff;

/**
 * What a step of one router's push (or return check) found, as the step journal keeps it: one record per
 * kind of step, in the spirit of Nornir's per-host {@code Result}, made durable. The records are the
 * journal's JSON schema: the ledger's JSON writer turns them into the step's {@code evidence} object
 * (snake_case keys; a component marked {@code NON_NULL} is left out where it is null, every other one is
 * written, null or not), and that JSON is what the API, the console and the service desk read back.
 * {@code StepEvidenceJsonTest} pins it to the JSON the journal held before these types.
 */
public sealed interface StepEvidence {

    /** Nothing to add: already compliant, resumed on the change as it was, skipped. */
    record None() implements StepEvidence {
        public static final None INSTANCE = new None();
    }

    /**
     * A step that failed on the device, the device's message (secrets masked) as {@code error}.
     *
     * @param runs what the router runs now, where that is not what the step's state says (a save that failed after the confirm)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Failure(String error, @JsonInclude(JsonInclude.Include.NON_NULL) String runs) implements StepEvidence {
        public Failure(String error) {
            this(error, null);
        }
    }

    /**
     * The pre-check (事前業務確認): what the second of its two polls read, how long both took, the WAN's health checks
     * and, where an operator forced the push past a pre-existing fault, who and why.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PreCheck(@JsonUnwrapped Poll poll, long pollMs, List<Verification.Check> checks,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String forcedBy,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String forcedReason) implements StepEvidence {

        public PreCheck {
            checks = List.copyOf(checks);
        }

        /** The same pre-check, forced past its fault by {@code force}. */
        public PreCheck forced(RouterPush.Force force) {
            return new PreCheck(poll, pollMs, checks, force.by(), force.reason());
        }
    }

    /** The running config saved before anything was typed: the backup's id and its length in lines. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Backup(long backupId, long lines) implements StepEvidence {
    }

    /** The difference between the running config and the intended one: lines added and removed, and the unified diff, secrets masked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Compared(int added, int removed, String diff) implements StepEvidence {

        static Compared of(ConfigDiff diff, RouterPush.Target target) {
            return new Compared(diff.added(), diff.removed(), target.mask(diff.unifiedDiff()));
        }
    }

    /** Host settings the change holds that the driver does not apply (FRR's {@code ! host:} lines), masked: left for the service desk. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HostPending(List<String> hostChanges) implements StepEvidence {

        public HostPending {
            hostChanges = List.copyOf(hostChanges);
        }

        static HostPending of(RouterPush.Target target) {
            return new HostPending(target.hostChanges().stream().map(target::mask).toList());
        }
    }

    /** The exact commands, recorded before the first is typed, secrets masked, and how many changes they make. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Plan(List<String> commands, int changes) implements StepEvidence {

        public Plan {
            commands = List.copyOf(commands);
        }

        static Plan of(PushPlan plan, RouterPush.Target target) {
            return new Plan(plan.commands().stream().map(target::mask).toList(), plan.changes());
        }
    }

    /** The commit under a revert timer: what guards the change until it is confirmed, and for how long. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Committed(RouterDriver.Guard guard, long revertInSeconds) implements StepEvidence {
    }

    /** The post-check (疎通試験): every check, and the router's ping of the node its line reaches where it pinged. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PostCheck(List<Verification.Check> checks, @JsonInclude(JsonInclude.Include.NON_NULL) Ping ping) implements StepEvidence {

        public PostCheck {
            checks = List.copyOf(checks);
        }
    }

    /**
     * The confirm and the save that makes the change survive a reload: which command saved it ("the commit" where
     * the commit does), its output (masked), how long the save took, and the host settings left, if any.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Confirmed(String savedBy, String saveOutput, long saveMs, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> hostChanges)
            implements StepEvidence {

        /** The same confirm, with the host settings still to apply. */
        Confirmed withHostSettings(HostPending pending) {
            return new Confirmed(savedBy, saveOutput, saveMs, pending.hostChanges());
        }
    }

    /**
     * What the router shows after a rollback: a poll, and whether its owned lines are its backup's again; {@code error} where
     * reading either failed (what was read before it is kept).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RolledBack(@JsonUnwrapped Poll after, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean runsBackup,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String error) implements StepEvidence {

        /** The router runs its backup again, checked. */
        public boolean restored() {
            return Boolean.TRUE.equals(runsBackup);
        }
    }

    /**
     * The return check after a power cut (法定点検): the last round's checks, how many rounds it polled from when until which
     * deadline, a note where the router did not restart, and when it was back.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReturnChecked(List<Verification.Check> checks, int attempts, Instant polledFrom, Instant deadline,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String note,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Instant backAt) implements StepEvidence {

        public ReturnChecked {
            checks = List.copyOf(checks);
        }
    }

    /**
     * One SNMP poll as evidence: what was read and from which object; what the platform does not expose is left out,
     * and the WAN's reading where the router has an interface of that name.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Poll(String sysName, long sysUpTimeTicks,
                @JsonInclude(JsonInclude.Include.NON_NULL) Long hrSystemUptimeTicks,
                @JsonInclude(JsonInclude.Include.NON_NULL) Long engineBoots,
                @JsonInclude(JsonInclude.Include.NON_NULL) String engineBootsSource,
                @JsonInclude(JsonInclude.Include.NON_NULL) String engineId,
                @JsonUnwrapped WanReading wan) {

        static Poll of(RouterSnapshot snapshot, String wanName) {
            return new Poll(snapshot.sysName(), snapshot.upTimeTicks(),
                    snapshot.hostUptime() == null ? null : snapshot.hostUptime().value(),
                    snapshot.engineBoots() == null ? null : snapshot.engineBoots().value(),
                    snapshot.engineBoots() == null ? null : snapshot.engineBoots().source(),
                    snapshot.engineId(),
                    snapshot.interfaceNamed(wanName).map(WanReading::of).orElse(null));
        }
    }

    /** The WAN interface as one poll read it, each value with the object it came from where platforms differ. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WanReading(String wan, String wanNameSource, boolean wanAdminUp, boolean wanOperUp, long wanSpeedMbps, String wanSpeedSource,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String wanDuplex,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String wanAlias,
                      long wanInErrors) {

        static WanReading of(RouterSnapshot.InterfaceStatus wan) {
            return new WanReading(wan.name(), wan.nameSource(), wan.adminUp(), wan.operUp(), wan.speedMbps(), wan.speedSource(),
                    wan.duplex() == null ? null : wan.duplex().name(), wan.alias(), wan.inErrors());
        }
    }

    /** The connectivity test's ping of the node or access point the router's line reaches (疎通試験). */
    sealed interface Ping {
    }

    /** The router ran the ping: what it sent and received, the average round trip where it printed one, and its output (masked). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Pinged(String reaches, String address, String command, int sent, int received,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Double rttAvgMs, String output) implements Ping {

        static Pinged of(Reachability ping, RouterPush.Target target) {
            return new Pinged(target.wan().reaches(), target.wan().reachedAddress(), ping.command(), ping.result().sent(), ping.result().received(), ping.result().rttAvgMs(),
                    target.mask(ping.output()));
        }
    }

    /** The router could not run the ping: the command tried and why (masked). */
    record PingFailed(String address, String command, String error) implements Ping {
    }
}
