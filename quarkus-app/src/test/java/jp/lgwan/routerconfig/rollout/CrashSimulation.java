package jp.lgwan.routerconfig.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import jp.lgwan.routerconfig.change.ChangeNotification;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.NotificationState;
import jp.lgwan.routerconfig.change.OutageStatus;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/** What an instance that died in the middle of a window leaves behind: a router pushed but unconfirmed, and its records. */
final class CrashSimulation {

    record Pushed(String backup) {
    }

    private CrashSimulation() {
    }

    /** Pushes a router's intended config at {@code revision} under a revert timer and "dies": no confirm, no watchdog left. */
    static Pushed pushWithoutConfirm(LiveInventory inventory, Devices devices, String revision, String hostname) throws Exception {
        InventoryRevision at = inventory.at(revision);
        ConnectionRouter router = at.router(hostname).orElseThrow();
        DeviceAccess access = devices.directory().access(router);
        SecretPlaceholder.Resolved intended = devices.directory().resolveSecrets(at.config(hostname).orElseThrow().text());
        ScheduledExecutorService deadInstance = Executors.newSingleThreadScheduledExecutor();
        try (CliRouterDriver driver = new CliRouterDriver(hostname, access.ssh(), at.dialect(router.vendorProfile()), access.key(),
                access.password(), access.administrator(), deadInstance)) {
            driver.open();
            String backup = intended.unresolve(driver.runningConfig());
            driver.loadCandidate(intended.text());
            driver.commit(Duration.ofMinutes(3));
            return new Pushed(backup);
        } finally {
            deadInstance.shutdownNow(); // its watchdog dies with it
        }
    }

    /** The dead instance was typing the change when it died: the router runs {@code partial} applied to what it ran. */
    static Pushed pushPartially(LiveInventory inventory, Devices devices, String revision, String hostname,
                                java.util.function.UnaryOperator<String> partial) throws Exception {
        InventoryRevision at = inventory.at(revision);
        ConnectionRouter router = at.router(hostname).orElseThrow();
        DeviceAccess access = devices.directory().access(router);
        SecretPlaceholder.Resolved intended = devices.directory().resolveSecrets(at.config(hostname).orElseThrow().text());
        ScheduledExecutorService deadInstance = Executors.newSingleThreadScheduledExecutor();
        try (CliRouterDriver driver = new CliRouterDriver(hostname, access.ssh(), at.dialect(router.vendorProfile()), access.key(),
                access.password(), access.administrator(), deadInstance)) {
            driver.open();
            String running = driver.runningConfig();
            // only what the project owns is typed: the partial change within the intended config's ownership
            driver.loadBackup(partial.apply(running), intended.text());
            driver.commit(Duration.ofMinutes(3));
            return new Pushed(intended.unresolve(running));
        } finally {
            deadInstance.shutdownNow();
        }
    }

    /** The records the dead instance wrote: the window in progress, the router PUSHED under its expired claim. */
    static long jobLeftBehind(long outageId, long notificationId, String hostname, String revision, String backupConfig) {
        return jobLeftBehind(outageId, notificationId, hostname, revision, backupConfig, RolloutJobRouter.State.PUSHED);
    }

    static long jobLeftBehind(long outageId, long notificationId, String hostname, String revision, String backupConfig,
                              RolloutJobRouter.State state) {
        PlannedOutage outage = PlannedOutage.findById(outageId);
        outage.moveTo(OutageStatus.IN_PROGRESS);
        ChangeNotification notification = ChangeNotification.findById(notificationId);
        notification.moveTo(NotificationState.IN_PROGRESS);
        Instant now = jp.lgwan.routerconfig.testing.MovableClock.now();
        RolloutJob job = new RolloutJob();
        job.outageId = outageId;
        job.state = RolloutJob.State.RUNNING;
        job.startKind = RolloutJob.StartKind.MANUAL;
        job.inventoryRevision = revision;
        job.startedBy = "op-dead";
        job.createdAt = now;
        job.startedAt = now;
        job.persist();
        RouterBackup backup = new RouterBackup();
        backup.hostname = hostname;
        backup.jobId = job.id;
        backup.takenAt = now;
        backup.config = backupConfig;
        backup.persist();
        RolloutJobRouter router = new RolloutJobRouter();
        router.job = job;
        router.hostname = hostname;
        router.notificationId = notificationId;
        router.inventoryRevision = revision;
        router.state = state;
        router.owner = "instance-dead";
        router.leaseUntil = now.minusSeconds(1);
        router.backupId = backup.id;
        router.guard = jp.lgwan.routerconfig.device.RouterDriver.Guard.SERVICE_WATCHDOG;
        router.startedAt = now;
        router.steps = new ArrayList<>(List.of(
                new RolloutJobRouter.Step("pre-check", "ok", now, Map.of()),
                new RolloutJobRouter.Step("backup", "ok", now, Map.of("backup_id", backup.id)),
                new RolloutJobRouter.Step("compare", "changed", now, Map.of()),
                new RolloutJobRouter.Step("commit", "ok", now, Map.of("guard", "SERVICE_WATCHDOG"))));
        router.persist();
        job.routers.add(router);
        return job.id;
    }

    /** A job no runner works on (its state is FAILED), with every router pending: for claims by hand. */
    static long idleJob(long outageId, List<String> hostnames) {
        RolloutJob job = new RolloutJob();
        job.outageId = outageId;
        job.state = RolloutJob.State.FAILED;
        job.startKind = RolloutJob.StartKind.MANUAL;
        job.startedBy = "test";
        job.createdAt = jp.lgwan.routerconfig.testing.MovableClock.now();
        job.persist();
        for (String hostname : hostnames) {
            RolloutJobRouter router = new RolloutJobRouter();
            router.job = job;
            router.hostname = hostname;
            router.state = RolloutJobRouter.State.PENDING;
            router.persist();
        }
        return job.id;
    }
}
